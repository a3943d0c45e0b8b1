package dev.gust.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads YAML text into a {@link YamlNode} tree, or one message saying where the syntax breaks.
 * Duplicate keys and aliases are kept apart in the tree for the validator to report with their
 * paths, because Jackson alone would silently keep the last key or turn an alias into its anchor's
 * name; a second document is refused rather than ignored. Thread-safe.
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .disable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final Pattern SNAKE_MARK = Pattern.compile("line (\\d+), column (\\d+)");

    private YamlReader() {
    }

    /** @return the document's root node (an empty scalar for an empty document), or a syntax problem */
    static Checked<YamlNode> read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return Checked.ok(new YamlNode.Scalar("", YamlNode.Kind.NULL, new YamlNode.Mark(1, 1)));
            }
            YamlNode root = node(parser);
            if (parser.nextToken() != null) {
                throw new Refused("only one YAML document is allowed; remove the second ---", parser);
            }
            return Checked.ok(root);
        } catch (Refused e) {
            return Checked.bad(e.getMessage());
        } catch (JacksonException e) {
            return Checked.bad(syntax(e));
        } catch (IOException | RuntimeException e) {
            // snakeyaml can throw its own unchecked exceptions past Jackson; bad input must not escape
            return Checked.bad("not valid YAML: " + e.getMessage());
        }
    }

    private static YamlNode node(JsonParser parser) throws IOException {
        var mark = mark(parser.currentTokenLocation());
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(parser, mark);
            case START_ARRAY -> sequence(parser, mark);
            case VALUE_STRING -> string(parser, mark);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.INTEGER, mark);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.FLOAT, mark);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.BOOLEAN, mark);
            case VALUE_NULL -> new YamlNode.Scalar("", YamlNode.Kind.NULL, mark);
            default -> throw new Refused("unsupported YAML value " + parser.currentToken(), parser);
        };
    }

    private static YamlNode string(JsonParser parser, YamlNode.Mark mark) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            return new YamlNode.Scalar(parser.getText(), YamlNode.Kind.ALIAS, mark);
        }
        return new YamlNode.Scalar(parser.getText(), YamlNode.Kind.STRING, mark);
    }

    private static YamlNode mapping(JsonParser parser, YamlNode.Mark mark) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        List<YamlNode.Entry> duplicates = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            var keyMark = mark(parser.currentTokenLocation());
            parser.nextToken();
            var entry = new YamlNode.Entry(key, keyMark, node(parser));
            if (entries.putIfAbsent(key, entry) != null) {
                duplicates.add(entry);
            }
        }
        return new YamlNode.Mapping(entries, duplicates, mark);
    }

    private static YamlNode sequence(JsonParser parser, YamlNode.Mark mark) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser));
        }
        return new YamlNode.Sequence(items, mark);
    }

    private static YamlNode.Mark mark(JsonLocation location) {
        return new YamlNode.Mark(location.getLineNr(), location.getColumnNr());
    }

    /** SnakeYAML's messages span lines with a source excerpt; keep the sentences and the last position. */
    private static String syntax(JacksonException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String where = lastMark(original);
        if (where == null) {
            var l = e.getLocation();
            where = l == null ? "" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
        }
        String what = original.lines()
                .filter(line -> !line.isBlank() && !line.startsWith(" "))
                .collect(Collectors.joining("; "));
        return "invalid YAML" + (where.isEmpty() ? "" : " at " + where) + ": " + what;
    }

    private static String lastMark(String message) {
        Matcher m = SNAKE_MARK.matcher(message);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /** A document Jackson reads but Gust will not, with the position to blame. */
    private static final class Refused extends RuntimeException {
        Refused(String message, JsonParser parser) {
            super(where(parser) + message, null, false, false);
        }

        private static String where(JsonParser parser) {
            var mark = mark(parser.currentTokenLocation());
            return "invalid YAML at line " + mark.line() + ", column " + mark.column() + ": ";
        }
    }
}
