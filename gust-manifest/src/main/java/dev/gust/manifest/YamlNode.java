package dev.gust.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as written: scalars keep their text (so {@code 1.10} stays {@code 1.10}) and every
 * node knows where it starts, so problems can be reported in file order.
 */
sealed interface YamlNode {

    /** @return where the node starts */
    Mark mark();

    /** @return how the node is called in messages, e.g. {@code a list} or {@code "lots"} */
    String describe();

    /** @param line 1-based @param column 1-based */
    record Mark(int line, int column) implements Comparable<Mark> {
        @Override
        public int compareTo(Mark o) {
            return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
        }
    }

    /**
     * @param entries keys in file order, with the node of each key's value (the first, when a key is
     *     written twice)
     * @param duplicates keys written again after their first time
     */
    record Mapping(Map<String, Entry> entries, List<Entry> duplicates, Mark mark) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            duplicates = List.copyOf(duplicates);
        }

        static Mapping empty(Mark mark) {
            return new Mapping(Map.of(), List.of(), mark);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** @param keyMark where the key is written @param value its value */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    record Sequence(List<YamlNode> items, Mark mark) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** @param text the scalar as written (without quotes) @param kind how YAML typed it */
    record Scalar(String text, Kind kind, Mark mark) implements YamlNode {
        /** @return whether nothing was written ({@code key:}, {@code ""}, {@code ~} or {@code null}) */
        boolean isEmpty() {
            return kind == Kind.NULL || text.isEmpty();
        }

        @Override
        public String describe() {
            if (isEmpty()) {
                return "empty";
            }
            if (kind == Kind.ALIAS) {
                return "an alias *" + text;
            }
            return kind == Kind.STRING ? Texts.quote(text) : text;
        }
    }

    /** How YAML typed a scalar; an {@code ALIAS} ({@code *name}) is kept as its anchor's name. */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL, ALIAS }
}
