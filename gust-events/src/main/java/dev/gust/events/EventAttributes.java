package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the attributes of one event, read from JSON or headers, into a {@link CloudEvent}, adding
 * a problem for every attribute that breaks CloudEvents 1.0. Not thread-safe: one per event.
 */
final class EventAttributes {
    static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    static final Set<String> CONTEXT = Set.of(
            "id", "source", "specversion", "type", "datacontenttype", "dataschema", "subject", "time");
    /** RFC 3339: seconds required, a fraction of any length, Z or a numeric offset. */
    static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);
    private static final Pattern RFC_3339_SHAPE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private final Map<String, JsonNode> attributes;
    private final Function<String, String> pathOf;
    private final List<Problem> problems;

    private EventAttributes(Map<String, JsonNode> attributes, Function<String, String> pathOf, List<Problem> problems) {
        this.attributes = attributes;
        this.pathOf = pathOf;
        this.problems = problems;
    }

    /**
     * @param attributes every attribute but the data, by name; a JSON null counts as absent
     * @param pathOf where an attribute of that name is written, for problems
     * @param problems where problems go
     * @return the event, or empty when a problem was added
     */
    static Optional<CloudEvent> read(Map<String, JsonNode> attributes, Optional<EventData> data,
            Function<String, String> pathOf, List<Problem> problems) {
        return new EventAttributes(attributes, pathOf, problems).read(data);
    }

    private Optional<CloudEvent> read(Optional<EventData> data) {
        int before = problems.size();
        String specversion = specversion();
        String id = required("id");
        String source = required("source");
        checkUri("source", source, false);
        String type = required("type");
        Optional<String> contentType = optional("datacontenttype");
        contentType.filter(t -> !MediaTypes.isValid(t))
                .ifPresent(t -> problem("datacontenttype", "must be a media type such as application/json, was " + quoted(t)));
        Optional<String> schema = optional("dataschema");
        schema.ifPresent(s -> checkUri("dataschema", s, true));
        Optional<String> subject = optional("subject");
        Optional<OffsetDateTime> time = optional("time").flatMap(this::time);
        Map<String, Object> extensions = extensions();
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CloudEvent(id, source, specversion, type, contentType, schema, subject, time,
                extensions, data));
    }

    private String specversion() {
        String version = required("specversion");
        if (!version.isEmpty() && !version.equals(CloudEvent.SPEC_VERSION)) {
            problem("specversion", "must be \"1.0\", was " + quoted(version));
        }
        return version;
    }

    private String required(String name) {
        Optional<JsonNode> node = present(name);
        if (node.isEmpty()) {
            problem(name, "required");
            return "";
        }
        return text(name, node.get()).orElse("");
    }

    private Optional<String> optional(String name) {
        return present(name).flatMap(node -> text(name, node));
    }

    private Optional<JsonNode> present(String name) {
        return Optional.ofNullable(attributes.get(name)).filter(node -> !node.isNull());
    }

    private Optional<String> text(String name, JsonNode node) {
        if (!node.isTextual()) {
            problem(name, "must be a string, was " + kind(node));
            return Optional.empty();
        }
        if (node.textValue().isEmpty()) {
            problem(name, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    private void checkUri(String name, String value, boolean absolute) {
        if (value.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (absolute && !uri.isAbsolute()) {
                problem(name, "must be an absolute URI such as https://example.com/schema, was " + quoted(value));
            }
        } catch (URISyntaxException e) {
            problem(name, "must be a URI" + (absolute ? "" : "-reference") + " (" + e.getReason() + " at index "
                    + e.getIndex() + "), was " + quoted(value));
        }
    }

    private Optional<OffsetDateTime> time(String value) {
        if (RFC_3339_SHAPE.matcher(value).matches()) {
            try {
                return Optional.of(OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), RFC_3339));
            } catch (DateTimeParseException e) {
                // the shape was right but a field is out of range; reported below
            }
        }
        problem("time", "must be an RFC 3339 timestamp such as 2026-11-29T04:00:00Z, was " + quoted(value));
        return Optional.empty();
    }

    private Map<String, Object> extensions() {
        var extensions = new TreeMap<String, Object>();
        attributes.forEach((name, node) -> {
            if (!CONTEXT.contains(name) && !node.isNull()) {
                extension(name, node).ifPresent(value -> extensions.put(name, value));
            }
        });
        return extensions;
    }

    private Optional<Object> extension(String name, JsonNode node) {
        if (name.equals("data")) {
            problem(name, "is reserved for the event's data; send it as the body");
            return Optional.empty();
        }
        if (!EXTENSION_NAME.matcher(name).matches()) {
            problem(name, "is not a CloudEvents attribute; extension names are 1 to 20 lower-case letters or digits");
            return Optional.empty();
        }
        if (node.isTextual() || node.isBoolean()) {
            return Optional.of(node.isTextual() ? node.textValue() : node.booleanValue());
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Optional.of(node.intValue());
        }
        problem(name, "extension values must be a string, a boolean or a 32-bit integer, was " + kind(node));
        return Optional.empty();
    }

    private void problem(String name, String message) {
        problems.add(Problem.invalid(pathOf.apply(name), message));
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static String quoted(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "\"" + shown + "\"";
    }
}
