package dev.gust.manifest;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the keys of one mapping. Construction reports unknown and repeated keys, so a reader only
 * asks for the keys it knows; a key nobody asks for is an unknown one.
 */
final class Keys {
    private final Field field;
    private final YamlNode.Mapping mapping;

    /** @param allowed every key this mapping may have, in the order messages list them */
    Keys(Field field, YamlNode.Mapping mapping, List<String> allowed) {
        this.field = field;
        this.mapping = mapping;
        reportUnknown(allowed);
        reportRepeated(field, mapping);
    }

    /**
     * @param hint what to write, e.g. {@code a Java class name like com.example.Hello}
     * @return the value read by {@code reader}; empty, with a problem, when missing or bad
     */
    <T> Optional<T> required(String key, String hint, Function<Field, Optional<T>> reader) {
        var entry = mapping.entries().get(key);
        if (entry == null || isEmpty(entry.value())) {
            var at = entry == null ? mapping.mark() : entry.value().mark();
            field.problems().add(field.key(key, mapping).path(), at, "is required: " + hint);
            return Optional.empty();
        }
        return reader.apply(field.key(key, entry.value()));
    }

    /**
     * @return the value read by {@code reader}, or the fallback when the key is absent; empty, with a
     *     problem, when the value is bad
     */
    <T> Optional<T> optional(String key, T fallback, Function<Field, Optional<T>> reader) {
        var entry = mapping.entries().get(key);
        return entry == null ? Optional.of(fallback) : reader.apply(field.key(key, entry.value()));
    }

    private static boolean isEmpty(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.isEmpty();
    }

    private void reportUnknown(List<String> allowed) {
        for (var entry : mapping.entries().values()) {
            if (!allowed.contains(entry.key())) {
                field.problems().add(field.key(entry.key(), entry.value()).path(), entry.keyMark(),
                        "unknown key; " + Suggest.closest(entry.key(), allowed)
                                .map(k -> "did you mean " + k + "? ").orElse("")
                                + "allowed: " + String.join(", ", allowed));
            }
        }
    }

    /** Reports keys written twice, for a mapping whose keys are names rather than a fixed set. */
    static void reportRepeated(Field field, YamlNode.Mapping mapping) {
        for (var repeat : mapping.duplicates()) {
            var first = mapping.entries().get(repeat.key());
            field.problems().add(field.key(repeat.key(), repeat.value()).path(), repeat.keyMark(),
                    "duplicate key (first at line " + first.keyMark().line() + ")");
        }
    }
}
