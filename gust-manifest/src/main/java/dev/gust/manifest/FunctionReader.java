package dev.gust.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one function of {@code functions}, filling in defaults ({@link ManifestLimits}). */
final class FunctionReader {
    static final List<String> KEYS = List.of(
            "runtime", "handler", "code", "memory", "timeout", "concurrency", "environment", "network", "routes",
            "async", "sample-event");
    private static final List<String> CONCURRENCY_KEYS = List.of("min", "max", "per-instance");
    private static final List<String> NETWORK = List.of("default", "none");

    private final Path baseDir;
    private final RouteReader routes;

    /** @param baseDir the absolute, normalised app directory @param routes shared by the manifest's functions */
    FunctionReader(Path baseDir, RouteReader routes) {
        this.baseDir = baseDir;
        this.routes = routes;
    }

    /** @param f the function's settings, at {@code functions.<name>} */
    Optional<FunctionManifest> read(Field f, String name) {
        var validName = Rules.isName(name) ? Optional.of(name) : f.fail(Rules.notAName(Texts.quote(name)));
        var settings = f.mapping("a mapping of " + String.join(", ", KEYS));
        return settings.flatMap(m -> settings(new Keys(f, m, KEYS), name)).filter(fn -> validName.isPresent());
    }

    /** Reads every key, so all problems are reported; a value is built only when nothing is missing. */
    private Optional<FunctionManifest> settings(Keys keys, String name) {
        var runtime = keys.required("runtime", "one of: " + String.join(", ", ManifestLimits.RUNTIMES),
                Rules.oneOf(ManifestLimits.RUNTIMES));
        var handler = keys.required("handler", "a Java class name like com.example.Hello", Rules::handler);
        var code = keys.required("code", CodeReader.HINT, f -> CodeReader.read(f, baseDir));
        int memory = keys.optional("memory", ManifestLimits.DEFAULT_MEMORY_MB, Rules.wholeNumber(
                ManifestLimits.MIN_MEMORY_MB, ManifestLimits.MAX_MEMORY_MB, " MB")).orElse(0);
        Duration timeout = keys.optional("timeout", ManifestLimits.DEFAULT_TIMEOUT,
                Rules.duration(ManifestLimits.MIN_TIMEOUT, ManifestLimits.MAX_TIMEOUT)).orElse(Duration.ZERO);
        var c = keys.optional("concurrency", Concurrency.DEFAULT, FunctionReader::concurrency).orElse(Concurrency.DEFAULT);
        Map<String, String> env = keys.optional("environment", Map.of(), EnvironmentReader::read).orElse(Map.of());
        boolean network = keys.optional("network", "default", Rules.oneOf(NETWORK)).orElse("default").equals("default");
        List<RouteSpec> routeList = keys.optional("routes", List.of(), routes::read).orElse(List.of());
        var async = keys.optional("async", FunctionManifest.Async.DEFAULT, f -> AsyncReader.read(f, name));
        Optional<Optional<String>> sampleEvent = keys.optional("sample-event", Optional.empty(),
                f -> SampleEventReader.read(f, baseDir).map(Optional::of));
        if (runtime.isEmpty() || handler.isEmpty() || code.isEmpty() || async.isEmpty() || sampleEvent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FunctionManifest(name, runtime.get(), handler.get(), code.get().path(),
                code.get().isJar(), memory, timeout, c.min(), c.max(), c.perInstance(), env, network, routeList,
                async.get(), sampleEvent.get()));
    }

    private record Concurrency(int min, int max, int perInstance) {
        static final Concurrency DEFAULT = new Concurrency(ManifestLimits.DEFAULT_MIN_INSTANCES,
                ManifestLimits.DEFAULT_MAX_INSTANCES, ManifestLimits.DEFAULT_PER_INSTANCE);
    }

    private static Optional<Concurrency> concurrency(Field f) {
        return f.mapping("a mapping of " + String.join(", ", CONCURRENCY_KEYS))
                .flatMap(m -> concurrency(new Keys(f, m, CONCURRENCY_KEYS)));
    }

    private static Optional<Concurrency> concurrency(Keys keys) {
        var max = keys.optional("max", ManifestLimits.DEFAULT_MAX_INSTANCES,
                Rules.wholeNumber(1, ManifestLimits.MAX_INSTANCES_LIMIT, ""));
        // a bad max is reported at max alone; min is then held to the absolute limit
        int minLimit = max.orElse(ManifestLimits.MAX_INSTANCES_LIMIT);
        var min = keys.optional("min", ManifestLimits.DEFAULT_MIN_INSTANCES,
                f -> Rules.wholeNumber(f, 0, minLimit, "must be 0.." + minLimit + " (not above max)", ""));
        var perInstance = keys.optional("per-instance", ManifestLimits.DEFAULT_PER_INSTANCE,
                Rules.wholeNumber(1, ManifestLimits.PER_INSTANCE_LIMIT, ""));
        if (max.isEmpty() || min.isEmpty() || perInstance.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Concurrency(min.get(), max.get(), perInstance.get()));
    }
}
