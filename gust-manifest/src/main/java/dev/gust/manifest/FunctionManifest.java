package dev.gust.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One function of a valid manifest, with defaults filled in (see {@link ManifestLimits}).
 *
 * @param name the function's name
 * @param runtime e.g. {@code java21}
 * @param handler a class name, optionally {@code ::method}
 * @param code the absolute, normalised path of the code: a jar file or a directory
 * @param codeIsJar whether {@code code} is a jar file (else a directory)
 * @param memoryMb memory limit in MB
 * @param timeout the longest one invocation may run
 * @param min instances kept warm
 * @param max most instances at once
 * @param perInstance concurrent invocations one instance serves
 * @param environment environment variables, in file order
 * @param network whether the function may use the network ({@code network: none} says no)
 * @param routes gateway routes, in file order
 * @param async retries, maximum event age and destinations of async invocations
 * @param sampleEvent the text of the JSON file {@code sample-event} names: what an AOT cache training invokes
 *     the function with
 */
public record FunctionManifest(
        String name,
        String runtime,
        String handler,
        Path code,
        boolean codeIsJar,
        int memoryMb,
        Duration timeout,
        int min,
        int max,
        int perInstance,
        Map<String, String> environment,
        boolean network,
        List<RouteSpec> routes,
        Async async,
        Optional<String> sampleEvent) {

    public FunctionManifest {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        routes = List.copyOf(routes);
        Objects.requireNonNull(sampleEvent, "sampleEvent");
    }

    /** A function without a sample event. */
    public FunctionManifest(String name, String runtime, String handler, Path code, boolean codeIsJar, int memoryMb,
            Duration timeout, int min, int max, int perInstance, Map<String, String> environment, boolean network,
            List<RouteSpec> routes, Async async) {
        this(name, runtime, handler, code, codeIsJar, memoryMb, timeout, min, max, perInstance, environment, network,
                routes, async, Optional.empty());
    }

    /** @return the handler's class name, without any {@code ::method} */
    public String handlerClass() {
        int colons = handler.indexOf("::");
        return colons < 0 ? handler : handler.substring(0, colons);
    }

    /**
     * The {@code async} settings.
     *
     * @param maxRetries retries after a failed attempt
     * @param maxEventAge how long an event may wait for a successful attempt
     * @param onSuccess where a record of each success goes
     * @param onFailure where a record of each event given up on goes
     */
    public record Async(int maxRetries, Duration maxEventAge, Optional<Destination> onSuccess,
            Optional<Destination> onFailure) {
        /** The defaults: {@link ManifestLimits#DEFAULT_MAX_RETRIES} retries, six hours, no destinations. */
        public static final Async DEFAULT = new Async(ManifestLimits.DEFAULT_MAX_RETRIES,
                ManifestLimits.DEFAULT_MAX_EVENT_AGE, Optional.empty(), Optional.empty());
    }

    /**
     * An async destination: {@code on-success: audit}, {@code {function: audit}}, {@code {queue: audits}}
     * or {@code {workflow: audit-flow}}.
     *
     * @param kind {@code function}, {@code queue} or {@code workflow}
     * @param name the function's, queue's or workflow's name
     */
    public record Destination(String kind, String name) {
        /** The kinds a destination may have. */
        public static final List<String> KINDS = List.of("function", "queue", "workflow");

        public Destination {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("a destination is a function, a queue or a workflow, not " + kind);
            }
            Objects.requireNonNull(name, "name");
        }

        /** @return a function destination */
        public static Destination function(String name) {
            return new Destination("function", name);
        }
    }
}
