package dev.gust.worker;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.sdk.GustCallException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls this worker's invocations make to the node: each {@link #call} sends a {@code Call}
 * frame and blocks its (virtual) thread until the reader loop hands over the {@code CallResult}
 * with the same call id ({@link #complete}). Thread-safe: any number of invocation threads call at
 * once; one reader completes.
 */
final class PlatformCalls {
    /** The largest call payload: a 6 MB input plus room for the call's own fields. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024 + 64 * 1024;

    private final FrameChannel channel;
    private final Map<String, CompletableFuture<Frame.CallResult>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile String closedReason;

    PlatformCalls(FrameChannel channel) {
        this.channel = channel;
    }

    /**
     * @param invocationId the calling invocation
     * @param operation one of {@code Frame.Call}'s operations
     * @param payload the request
     * @param bound the longest wait for the answer: the invocation's remaining time
     * @return the answer's payload
     * @throws GustCallException when the node refused the call, or no answer came within {@code bound}
     */
    byte[] call(String invocationId, String operation, byte[] payload, Duration bound) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new GustCallException(GustCallException.PAYLOAD_TOO_LARGE, operation + ": the request is "
                    + payload.length + " bytes; at most " + MAX_PAYLOAD_BYTES + " are allowed");
        }
        String callId = "c-" + ids.incrementAndGet();
        var answer = new CompletableFuture<Frame.CallResult>();
        inFlight.put(callId, answer);
        try {
            send(new Frame.Call(invocationId, callId, operation, payload));
            return unwrap(await(answer, operation, bound));
        } finally {
            inFlight.remove(callId);
        }
    }

    private void send(Frame.Call call) {
        String closed = closedReason;
        if (closed != null) {
            throw new GustCallException(GustCallException.UNHANDLED, call.operation() + ": " + closed);
        }
        try {
            channel.send(call);
        } catch (IOException e) {
            throw new GustCallException(GustCallException.UNHANDLED, call.operation()
                    + ": the connection to the node is gone (" + e.getMessage() + ")");
        }
    }

    private static Frame.CallResult await(CompletableFuture<Frame.CallResult> answer, String operation, Duration bound) {
        try {
            return answer.get(Math.max(0, bound.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new GustCallException(GustCallException.CALL_TIMED_OUT, operation + ": no answer within the "
                    + bound.toMillis() + " ms the invocation had left");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GustCallException(GustCallException.UNHANDLED, operation
                    + ": the calling thread was interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            throw new GustCallException(GustCallException.UNHANDLED, operation + ": " + e.getCause().getMessage());
        }
    }

    private static byte[] unwrap(Frame.CallResult r) {
        if (r.ok()) {
            return r.payload();
        }
        throw new GustCallException(r.error().errorType(), r.error().message());
    }

    /**
     * Hands an answer to the thread waiting for it.
     *
     * @return whether a call was waiting for it (a late answer, after its caller gave up, is dropped)
     */
    boolean complete(Frame.CallResult result) {
        var answer = inFlight.get(result.callId());
        return answer != null && answer.complete(result);
    }

    /** Fails every call in flight and every later one: the channel is closed. */
    void close(String reason) {
        closedReason = reason;
        inFlight.values().forEach(f -> f.completeExceptionally(new IOException(reason)));
    }
}
