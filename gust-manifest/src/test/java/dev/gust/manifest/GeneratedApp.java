package dev.gust.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest made by a property test: what is written (optional keys may be left out) and what the
 * parser must read from it. {@link #tree()} is the YAML as nested maps of written values, which a
 * test may break at one path before {@link #render rendering} it.
 */
record GeneratedApp(String app, List<Fn> functions) {

    /** One function; an empty optional means the key is not written and the default applies. */
    record Fn(
            String name,
            String handler,
            String code,
            Optional<Integer> memory,
            Optional<Written> timeout,
            Optional<Integer> min,
            Optional<Integer> max,
            Optional<Integer> perInstance,
            Map<String, String> environment,
            Optional<Boolean> network,
            List<String> routes) {

        FunctionManifest expected(Path baseDir) {
            return new FunctionManifest(name, "java21", handler, baseDir.resolve(code).normalize(), code.endsWith(".jar"),
                    memory.orElse(256), timeout.map(Written::value).orElse(Duration.ofSeconds(30)), min.orElse(0),
                    max.orElse(10), perInstance.orElse(1), environment, network.orElse(true),
                    routes.stream().map(RouteSpec::parse).toList(), FunctionManifest.Async.DEFAULT);
        }

        Map<String, Object> tree() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runtime", "java21");
            m.put("handler", handler);
            m.put("code", code);
            memory.ifPresent(v -> m.put("memory", v.toString()));
            timeout.ifPresent(v -> m.put("timeout", v.text()));
            Map<String, Object> concurrency = new LinkedHashMap<>();
            min.ifPresent(v -> concurrency.put("min", v.toString()));
            max.ifPresent(v -> concurrency.put("max", v.toString()));
            perInstance.ifPresent(v -> concurrency.put("per-instance", v.toString()));
            if (!concurrency.isEmpty()) {
                m.put("concurrency", concurrency);
            }
            if (!environment.isEmpty()) {
                Map<String, Object> env = new LinkedHashMap<>();
                environment.forEach((k, v) -> env.put(k, quoted(v)));
                m.put("environment", env);
            }
            network.ifPresent(v -> m.put("network", v ? "default" : "none"));
            if (!routes.isEmpty()) {
                m.put("routes", new ArrayList<Object>(routes.stream().map(GeneratedApp::quoted).toList()));
            }
            return m;
        }
    }

    /** A timeout and the text it was written as. */
    record Written(Duration value, String text) {
    }

    AppManifest expected(Path baseDir) {
        Map<String, FunctionManifest> fns = new LinkedHashMap<>();
        functions.forEach(f -> fns.put(f.name(), f.expected(baseDir)));
        return new AppManifest(app, fns, baseDir);
    }

    Map<String, Object> tree() {
        Map<String, Object> fns = new LinkedHashMap<>();
        functions.forEach(f -> fns.put(f.name(), f.tree()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("app", app);
        root.put("functions", fns);
        return root;
    }

    String yaml() {
        return render(tree());
    }

    /** @return the tree as block YAML; strings are written as they are (quote them first when needed) */
    static String render(Map<String, Object> tree) {
        var b = new StringBuilder();
        render(tree, "", b);
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static void render(Map<String, Object> map, String indent, StringBuilder b) {
        map.forEach((key, value) -> {
            b.append(indent).append(key).append(':');
            switch (value) {
                case Map<?, ?> m when m.isEmpty() -> b.append(" {}\n");
                case Map<?, ?> m -> {
                    b.append('\n');
                    render((Map<String, Object>) m, indent + "  ", b);
                }
                case List<?> l when l.isEmpty() -> b.append(" []\n");
                case List<?> l -> {
                    b.append('\n');
                    l.forEach(item -> b.append(indent).append("  - ").append(item).append('\n'));
                }
                default -> b.append(' ').append(value).append('\n');
            }
        });
    }

    /** @return the text as a YAML double-quoted scalar */
    static String quoted(String text) {
        var b = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
