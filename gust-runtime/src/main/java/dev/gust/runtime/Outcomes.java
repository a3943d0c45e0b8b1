package dev.gust.runtime;

import dev.gust.protocol.Frame;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Maps what workers say and do to {@link Outcome}s; waits that must not be cut short. Stateless. */
final class Outcomes {
    /** The worker exits with this status after reporting an OutOfMemoryError. */
    static final int WORKER_OUT_OF_MEMORY_STATUS = 4;
    static final String OUT_OF_MEMORY = "OutOfMemory";

    private Outcomes() {
    }

    /** @return the outcome a worker's {@link Frame.Result} stands for */
    static Outcome of(Frame.Result r) {
        if (r.ok()) {
            return new Outcome.Success(r.payload());
        }
        var e = r.error();
        var kind = OUT_OF_MEMORY.equals(e.errorType()) ? ErrorKind.OUT_OF_MEMORY : ErrorKind.FUNCTION_ERROR;
        return new Outcome.Failure(kind, e.errorType(), e.message(), e.stackTrace());
    }

    /** @return the failure of every invocation that waited for a worker whose handler did not load */
    static Outcome.Failure initFailed(Frame.ErrorInfo e) {
        return new Outcome.Failure(ErrorKind.INIT_ERROR, e.errorType(), e.message(), e.stackTrace());
    }

    /** @return e.g. "exited with status 1" or "was killed by signal 9" */
    static String describe(SandboxedProcess.Exit exit) {
        int s = exit.status();
        return s > 128 && s < 160 ? "was killed by signal " + (s - 128) : "exited with status " + s;
    }

    /**
     * Waits for {@code future} up to {@code bound} even when interrupted, then restores the
     * interrupt flag: used where giving up early would leave a worker's state inconsistent.
     *
     * @return its value, or empty when the bound passed first
     */
    static <T> Optional<T> awaitUninterruptibly(CompletableFuture<T> future, Duration bound) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            while (true) {
                try {
                    return Optional.ofNullable(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    return Optional.empty();
                } catch (ExecutionException e) {
                    return Optional.empty();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
