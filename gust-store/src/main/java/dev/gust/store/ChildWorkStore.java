package dev.gust.store;

import java.util.List;

/**
 * The child work of invocations (see {@link ChildWork}). Like invocation records, {@link #record}
 * may buffer; reads see everything recorded before them. Thread-safe.
 */
public interface ChildWorkStore {

    /** @param child one call an invocation made */
    void record(ChildWork child);

    /**
     * @param invocationId an invocation id
     * @return its child work in the order it was recorded; empty when it made no calls
     */
    List<ChildWork> of(String invocationId);
}
