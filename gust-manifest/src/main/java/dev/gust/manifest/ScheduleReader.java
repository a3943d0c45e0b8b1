package dev.gust.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gust.events.CloudEvent;
import dev.gust.events.CloudEventCodec;
import dev.gust.schedules.Problem;
import dev.gust.schedules.Schedules;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code schedules:}: named schedules, each checked by {@link Schedules#define}. */
final class ScheduleReader {
    static final List<String> KEYS = List.of("expression", "zone", "target", "catch-up", "input");
    static final List<String> TARGETS = List.of("function", "queue", "bus", "workflow");
    static final List<String> QUEUE_KEYS = List.of("name", "group");
    static final List<String> BUS_KEYS = List.of("source", "detail-type");
    private static final CloudEventCodec EVENTS = CloudEventCodec.create();

    /** What a schedule fires into, with the options of a queue or bus target. */
    private record Target(String kind, String name, Optional<String> group, Optional<String> source,
            Optional<String> detailType) {
        Target(String kind, String name) {
            this(kind, name, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
    static final int MAX_INPUT_BYTES = 256 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private ScheduleReader() {
    }

    static Optional<Map<String, ScheduleManifest>> read(Field f) {
        return f.mapping("a mapping of schedule names to their settings").flatMap(m -> {
            Keys.reportRepeated(f, m);
            Map<String, ScheduleManifest> out = new LinkedHashMap<>();
            m.entries().forEach((name, entry) -> one(f.key(name, entry.value()), name)
                    .ifPresent(s -> out.put(name, s)));
            return Optional.of(out);
        });
    }

    private static Optional<ScheduleManifest> one(Field f, String name) {
        return f.mapping("a mapping of " + String.join(", ", KEYS)).flatMap(m -> one(f, new Keys(f, m, KEYS), name));
    }

    private static Optional<ScheduleManifest> one(Field f, Keys keys, String name) {
        var expression = keys.required("expression", "like cron(0 3 * * ? *) or rate(5 minutes)",
                e -> e.text("an expression like cron(0 3 * * ? *) or rate(5 minutes)"));
        var zone = keys.optional("zone", "UTC", z -> z.text("an IANA time zone like Europe/Berlin"));
        var target = keys.required("target", "a mapping like {function: report}", ScheduleReader::target);
        var catchUp = keys.optional("catch-up", "none", c -> c.text("none, latest or all"));
        var input = keys.optional("input", Optional.<String>empty(), ScheduleReader::input);
        if (expression.isEmpty() || zone.isEmpty() || target.isEmpty() || catchUp.isEmpty() || input.isEmpty()) {
            return Optional.empty();
        }
        var checked = Schedules.define(name, expression.get(), zone.get(), target.get().kind(),
                target.get().name(), catchUp.get(), Instant.EPOCH);
        if (!checked.problems().isEmpty()) {
            checked.problems().forEach(p -> fieldOf(f, p).fail(p.message()));
            return Optional.empty();
        }
        Target t = target.get();
        return Optional.of(new ScheduleManifest(name, expression.get(), zone.get(), t.kind(), t.name(), catchUp.get(),
                input.get(), t.group(), t.source(), t.detailType()));
    }

    /** The manifest path of a problem {@link Schedules#define} found. */
    private static Field fieldOf(Field schedule, Problem p) {
        String key = switch (p.field()) {
            case "expression", "zone", "catch-up" -> p.field();
            case "target.kind", "target.name" -> "target";
            default -> "";
        };
        return key.isEmpty() ? schedule : schedule.key(key, schedule.node());
    }

    private static Optional<Target> target(Field f) {
        return f.mapping("a mapping like {function: report}").flatMap(m -> {
            new Keys(f, m, TARGETS);
            if (m.entries().size() != 1) {
                return f.fail("must name exactly one of function, queue, bus or workflow, like {function: report}");
            }
            var entry = m.entries().values().iterator().next();
            Field value = f.key(entry.key(), entry.value());
            return switch (entry.key()) {
                case "function" -> value.text("a function name").map(name -> new Target("function", name));
                case "queue" -> queue(value);
                case "bus" -> bus(value);
                case "workflow" -> value.text("a workflow name").map(name -> new Target("workflow", name));
                default -> Optional.empty();
            };
        });
    }

    /** {@code queue: orders}, or {@code queue: {name: orders.fifo, group: nightly}}. */
    private static Optional<Target> queue(Field f) {
        if (!(f.node() instanceof YamlNode.Mapping m)) {
            return f.text("a queue name, or {name: queue, group: group}").map(name -> new Target("queue", name));
        }
        var keys = new Keys(f, m, QUEUE_KEYS);
        var name = keys.required("name", "the queue's name", n -> n.text("a queue name"));
        var group = keys.optional("group", Optional.<String>empty(), ScheduleReader::group);
        if (name.isEmpty() || group.isEmpty()) {
            return Optional.empty();
        }
        if (group.get().isPresent() && !name.get().endsWith(".fifo")) {
            return f.key("group", m.entries().get("group").value())
                    .fail("only a FIFO queue (a name ending in .fifo) takes a message group");
        }
        return Optional.of(new Target("queue", name.get(), group.get(), Optional.empty(), Optional.empty()));
    }

    private static Optional<Optional<String>> group(Field f) {
        return f.text("a message group: 1..128 characters").flatMap(g -> g.length() <= 128
                ? Optional.of(Optional.of(g))
                : f.fail("must be 1..128 characters, was " + g.length()));
    }

    /** {@code bus: {}} or {@code bus: {source: /billing, detail-type: Billing Due}}; each checked as a CloudEvent's. */
    private static Optional<Target> bus(Field f) {
        return f.mapping("a mapping of source and detail-type, like {detail-type: Nightly Report} ({} for the defaults)")
                .flatMap(m -> {
                    var keys = new Keys(f, m, BUS_KEYS);
                    var source = keys.optional("source", Optional.<String>empty(),
                            s -> s.text("a URI-reference like /billing").flatMap(v -> eventAttribute(s, "source", v)));
                    var type = keys.optional("detail-type", Optional.<String>empty(),
                            t -> t.text("the event type, like Nightly Report").flatMap(v -> eventAttribute(t, "type", v)));
                    if (source.isEmpty() || type.isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Target("bus", ScheduleManifest.BUS, Optional.empty(), source.get(), type.get()));
                });
    }

    /** Checks one attribute as the bus would check the event it goes into. */
    private static Optional<Optional<String>> eventAttribute(Field f, String attribute, String value) {
        var event = "source".equals(attribute) ? CloudEvent.of("x", value, "t") : CloudEvent.of("x", "/s", value);
        var problems = EVENTS.check(event);
        return problems.isEmpty() ? Optional.of(Optional.of(value)) : f.fail(problems.getFirst().message());
    }

    private static Optional<Optional<String>> input(Field f) {
        String json = toJson(f.node());
        if (json.length() > MAX_INPUT_BYTES) {
            return f.fail("must be at most 256 KB as JSON, was " + json.length() + " bytes");
        }
        return Optional.of(Optional.of(json));
    }

    /** Writes YAML as the JSON it means: numbers, booleans and null keep their type. */
    static String toJson(YamlNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, YamlNode node) throws IOException {
        switch (node) {
            case YamlNode.Mapping m -> {
                g.writeStartObject();
                for (var e : m.entries().values()) {
                    g.writeFieldName(e.key());
                    write(g, e.value());
                }
                g.writeEndObject();
            }
            case YamlNode.Sequence s -> {
                g.writeStartArray();
                for (YamlNode item : s.items()) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case YamlNode.Scalar s -> scalar(g, s);
        }
    }

    /** YAML numbers JSON cannot write as numbers ({@code .inf}, {@code 0x1F}) stay text. */
    private static void number(JsonGenerator g, String text) throws IOException {
        try {
            var value = new BigDecimal(text);
            g.writeNumber(value);
        } catch (NumberFormatException e) {
            g.writeString(text);
        }
    }

    private static void scalar(JsonGenerator g, YamlNode.Scalar s) throws IOException {
        switch (s.kind()) {
            case NULL -> g.writeNull();
            case INTEGER, FLOAT -> number(g, s.text());
            case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(s.text()));
            default -> g.writeString(s.text());
        }
    }
}
