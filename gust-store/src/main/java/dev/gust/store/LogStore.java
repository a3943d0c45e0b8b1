package dev.gust.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Function log lines, kept per invocation up to a retention limit. {@link #append} may buffer;
 * followers see lines as they are appended. Thread-safe.
 */
public interface LogStore {

    /** @param line one line */
    void append(LogLine line);

    /**
     * @param function a function name
     * @param invocationId only this invocation's lines, when present
     * @param since only lines at or after this time, when present
     * @param limit at most this many of the newest matching lines, returned oldest first
     * @return the lines
     */
    List<LogLine> read(String function, Optional<String> invocationId, Optional<Instant> since, int limit);

    /**
     * Calls {@code listener} with every line appended for {@code function} from now on, on the
     * appending thread, until the returned handle is closed. The listener must not block.
     *
     * @param function a function name
     * @param listener receives lines
     * @return closes the subscription
     */
    AutoCloseable follow(String function, Consumer<LogLine> listener);

    /**
     * Deletes lines older than {@code before}.
     *
     * @param before the retention cut-off
     * @return how many lines were deleted
     */
    int deleteOlderThan(Instant before);
}
