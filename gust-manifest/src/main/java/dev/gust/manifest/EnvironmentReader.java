package dev.gust.manifest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads {@code environment}: names to scalar values, numbers and booleans kept as written. */
final class EnvironmentReader {
    private static final String VALUE = "a text, number or boolean";

    private EnvironmentReader() {
    }

    static Optional<Map<String, String>> read(Field f) {
        return f.mapping("a mapping of variable names to values").flatMap(m -> variables(f, m));
    }

    private static Optional<Map<String, String>> variables(Field f, YamlNode.Mapping mapping) {
        Keys.reportRepeated(f, mapping);
        Map<String, String> env = new LinkedHashMap<>();
        boolean allGood = true;
        for (var entry : mapping.entries().values()) {
            var value = variable(f.key(entry.key(), entry.value()), entry.key());
            value.ifPresent(v -> env.put(entry.key(), v));
            allGood &= value.isPresent();
        }
        return allGood ? checkSize(f, env) : Optional.empty();
    }

    private static Optional<String> variable(Field f, String name) {
        if (!ManifestLimits.ENV_NAME.matcher(name).matches()) {
            return f.fail("variable names must be letters, digits and _, not starting with a digit ([A-Za-z_][A-Za-z0-9_]*)");
        }
        if (name.startsWith(ManifestLimits.RESERVED_ENV_PREFIX)) {
            return f.fail("names starting with " + ManifestLimits.RESERVED_ENV_PREFIX + " are reserved for the platform");
        }
        return switch (f.node()) {
            case YamlNode.Scalar s when s.kind() != YamlNode.Kind.ALIAS -> Optional.of(s.text());
            default -> f.mismatch(VALUE);
        };
    }

    private static Optional<Map<String, String>> checkSize(Field f, Map<String, String> env) {
        int bytes = env.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue())).sum();
        return bytes <= ManifestLimits.MAX_ENVIRONMENT_BYTES
                ? Optional.of(env)
                : f.fail("names and values take " + bytes + " bytes; at most "
                        + ManifestLimits.MAX_ENVIRONMENT_BYTES + " (4 KB) are allowed");
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
