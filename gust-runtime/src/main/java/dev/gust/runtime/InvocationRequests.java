package dev.gust.runtime;

/** Checks invocation requests before anything happens to them. Stateless. */
final class InvocationRequests {

    private InvocationRequests() {
    }

    /**
     * @throws IllegalArgumentException naming the first bad field and what is allowed
     */
    static void check(InvocationRequest r, int maxPayloadBytes) {
        require(r != null, "request: must not be null");
        require(r.id() != null && !r.id().isBlank(), "id: must not be blank");
        require(r.function() != null && !r.function().isBlank(), "function: must not be blank");
        require(r.payload() != null, "payload: must not be null (send \"null\" for no input)");
        require(r.payload().length <= maxPayloadBytes,
                "payload: must be at most " + maxPayloadBytes + " bytes, was " + r.payload().length);
        require(r.trigger() != null && !r.trigger().isBlank(), "trigger: must not be blank");
        require(r.trace() != null, "trace: must not be null");
        require(r.correlationId() != null, "correlationId: must not be null (may be empty)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invocation request " + message);
        }
    }
}
