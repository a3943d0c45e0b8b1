package dev.gust.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that defines one function version, as validated from a manifest. Two specs with
 * equal fields are the same deployment.
 *
 * @param name function name
 * @param runtime e.g. {@code java21}
 * @param handler e.g. {@code com.example.Hello} or {@code com.example.Hello::handle}
 * @param codeSha256 the content address of the code artifact
 * @param memoryMb memory limit, 128..10240
 * @param timeout invocation timeout
 * @param concurrency instance limits
 * @param environment environment variables given to the function
 * @param network whether the function may use the network
 * @param routes gateway routes, e.g. {@code GET /hello}, in declaration order
 * @param async how async (event) invocations are retried and where their results go
 * @param sampleEvent a JSON event the function is invoked with once when its AOT cache is trained
 *     ({@code sample-event} in the manifest); part of the spec, so a new one makes a new version
 */
public record FunctionSpec(
        String name,
        String runtime,
        String handler,
        String codeSha256,
        int memoryMb,
        Duration timeout,
        Concurrency concurrency,
        Map<String, String> environment,
        boolean network,
        List<String> routes,
        Async async,
        Optional<String> sampleEvent) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
        Objects.requireNonNull(async, "async");
        Objects.requireNonNull(sampleEvent, "sampleEvent");
    }

    /** A spec without a sample event. */
    public FunctionSpec(String name, String runtime, String handler, String codeSha256, int memoryMb, Duration timeout,
            Concurrency concurrency, Map<String, String> environment, boolean network, List<String> routes,
            Async async) {
        this(name, runtime, handler, codeSha256, memoryMb, timeout, concurrency, environment, network, routes, async,
                Optional.empty());
    }

    /**
     * @param min instances kept warm
     * @param max most instances at once
     * @param perInstance concurrent invocations one instance serves
     */
    public record Concurrency(int min, int max, int perInstance) {
    }

    /**
     * Async invocation settings.
     *
     * @param maxRetries retries after the first attempt fails, 0..10
     * @param maxEventAge how long an event may wait for a successful attempt, 60 s..6 h
     * @param onSuccess where a record of each success goes
     * @param onFailure where a record of each event that is given up on goes
     */
    public record Async(int maxRetries, Duration maxEventAge, Optional<Destination> onSuccess,
            Optional<Destination> onFailure) {
        public static final int DEFAULT_MAX_RETRIES = 2;
        public static final Duration DEFAULT_MAX_EVENT_AGE = Duration.ofHours(6);
        /** Two retries, six hours, no destinations. */
        public static final Async DEFAULT = new Async(DEFAULT_MAX_RETRIES, DEFAULT_MAX_EVENT_AGE, Optional.empty(),
                Optional.empty());
    }

    /**
     * Where an async invocation's result record goes.
     *
     * @param kind {@link AsyncEvent.Kind#FUNCTION} (invoked asynchronously) or {@link AsyncEvent.Kind#QUEUE} (sent a message)
     * @param name the function or queue
     */
    public record Destination(AsyncEvent.Kind kind, String name) {
        public Destination {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }

        /** @return a function destination */
        public static Destination function(String name) {
            return new Destination(AsyncEvent.Kind.FUNCTION, name);
        }

        /** @return a queue destination */
        public static Destination queue(String name) {
            return new Destination(AsyncEvent.Kind.QUEUE, name);
        }
    }
}
