package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.common.CorrelationIds;
import dev.gust.events.CloudEvent;
import dev.gust.events.EventRequest;
import dev.gust.events.ParseResult;
import dev.gust.events.Rule;
import dev.gust.store.EventStore;
import dev.gust.store.EventStore.ArchivedEvent;
import dev.gust.store.WebhookDelivery;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The event bus on the admin API: {@code POST /v1/events} publishes CloudEvents (binary,
 * structured or batch mode), {@code GET /v1/events} reads the archive, and
 * {@code POST /v1/events/replays} runs a window of it through one rule. Thread-safe.
 */
final class EventsApi {
    /** A batch may hold many events; each is still held to 256 KB by the codec. */
    static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    static final int MAX_LISTED = 1000;
    static final int MAX_REPLAYED = 10_000;
    private final EventBus bus;
    private final EventStore store;
    private final InstantSource clock;

    EventsApi(EventBus bus, EventStore store, InstantSource clock) {
        this.bus = bus;
        this.store = store;
        this.clock = clock;
    }

    void handle(Request req, Response res, Callback cb, List<String> seg, String method) throws IOException {
        boolean root = seg.size() == 1 || (seg.size() == 2 && seg.get(1).isEmpty());
        if (root && method.equals("POST")) {
            publish(req, res, cb);
        } else if (root && method.equals("GET")) {
            list(req, res, cb);
        } else if (seg.size() == 2 && seg.get(1).equals("dead-letters") && method.equals("GET")) {
            HttpIo.json(res, cb, 200, Map.of("deadLetters", store.deadLetters(MAX_LISTED).stream()
                    .map(EventsApi::deadLetter).toList()));
        } else if (seg.size() == 2 && seg.get(1).equals("replays") && method.equals("POST")) {
            replay(req, res, cb);
        } else if (root || (seg.size() == 2 && List.of("replays", "dead-letters").contains(seg.get(1)))) {
            throw new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: "
                    + (root ? "GET, POST" : seg.get(1).equals("replays") ? "POST" : "GET"));
        } else {
            throw ApiException.notFound("no such admin endpoint: " + method + " /v1/" + String.join("/", seg));
        }
    }

    private void publish(Request req, Response res, Callback cb) throws IOException {
        byte[] body = HttpIo.body(req, MAX_REQUEST_BYTES);
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField f : req.getHeaders()) {
            headers.putIfAbsent(f.getName(), f.getValue());
        }
        List<CloudEvent> events = switch (bus.codec().parse(new EventRequest(headers, body))) {
            case ParseResult.Accepted ok -> ok.events();
            case ParseResult.Rejected bad -> throw rejected(bad);
        };
        bus.accept(events, Optional.ofNullable(req.getHeaders().get("traceparent")),
                Optional.ofNullable(req.getHeaders().get(CorrelationIds.HEADER)));
        HttpIo.json(res, cb, 202, Map.of("accepted", events.stream().map(CloudEvent::id).toList()));
    }

    /** The message names the first problems too, for clients that print only the message. */
    private static ApiException rejected(ParseResult.Rejected bad) {
        String first = bad.problems().stream().limit(5).map(Object::toString).collect(Collectors.joining("; "));
        return new ApiException(bad.httpStatus(), "InvalidEvent", "no event was accepted; " + bad.problems().size()
                + " problem(s): " + first + (bad.problems().size() > 5 ? "; ..." : ""),
                bad.problems().stream().map(p -> Map.of("path", p.path(), "message", p.message())).toList());
    }

    private void list(Request req, Response res, Callback cb) {
        Instant since = Since.parse(HttpIo.query(req, "since"), clock).orElse(clock.instant().minus(Duration.ofHours(1)));
        Instant until = HttpIo.query(req, "until").map(v -> instant("until", v)).orElse(clock.instant().plusNanos(1));
        List<ArchivedEvent> found = store.list(since, until, HttpIo.query(req, "type"), MAX_LISTED);
        HttpIo.json(res, cb, 200, Map.of("events", found.stream().map(EventsApi::view).toList()));
    }

    private static Map<String, Object> deadLetter(WebhookDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("rule", d.rule());
        m.put("eventId", d.eventId());
        m.put("url", d.url());
        m.put("attempts", d.attempts());
        m.put("lastError", d.lastError().orElse(null));
        m.put("createdAt", d.createdAt().toString());
        m.put("body", d.body());
        return m;
    }

    private static Map<String, Object> view(ArchivedEvent e) {
        try {
            return Map.of("receivedAt", e.receivedAt().toString(), "event", HttpIo.JSON.readTree(e.json()));
        } catch (IOException bad) {
            throw new IllegalStateException("archived event " + e.id() + " is not JSON", bad);
        }
    }

    private void replay(Request req, Response res, Callback cb) throws IOException {
        JsonNode body = readObject(HttpIo.body(req, 64 * 1024));
        String ruleName = text(body, "rule");
        Rule rule = bus.rule(ruleName).orElseThrow(() -> ApiException.notFound("rule: no rule named " + ruleName
                + " is deployed"));
        Instant from = instant("from", text(body, "from"));
        Instant to = instant("to", text(body, "to"));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to: must be after from (" + from + "), was " + to);
        }
        List<ArchivedEvent> window = store.list(from, to, Optional.empty(), MAX_REPLAYED + 1);
        if (window.size() > MAX_REPLAYED) {
            throw ApiException.badRequest("from, to: the window holds more than " + MAX_REPLAYED
                    + " events; replay it in smaller windows");
        }
        int deliveries = bus.replay(rule, window);
        HttpIo.json(res, cb, 202, Map.of("rule", ruleName, "events", window.size(), "deliveries", deliveries));
    }

    private static JsonNode readObject(byte[] body) {
        try {
            JsonNode n = HttpIo.JSON.readTree(body);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // reported below with what is expected
        }
        throw ApiException.badRequest("body: must be a JSON object {\"rule\", \"from\", \"to\"}");
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw ApiException.badRequest(field + ": is required, a string");
        }
        return v.asText();
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + ": must be an ISO-8601 instant (2026-01-01T00:00:00Z), was " + value);
        }
    }
}
