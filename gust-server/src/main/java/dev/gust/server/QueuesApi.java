package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Durations;
import dev.gust.common.TraceContext;
import dev.gust.queue.QueueException;
import dev.gust.queue.QueueInfo;
import dev.gust.queue.QueueSettings;
import dev.gust.queue.Queues;
import dev.gust.queue.SendEntry;
import dev.gust.store.QueueConfig;
import dev.gust.store.QueueMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /v1/queues...}: create, list, get, delete, purge and redrive queues; send, receive
 * (long polling), change visibility and delete messages. Durations are strings like {@code 30s}
 * or numbers of seconds. A sent message carries the request's {@code traceparent} and
 * {@code Gust-Correlation-Id} unless it names its own.
 */
final class QueuesApi {
    /** Ten messages of 256 KB plus their JSON. */
    static final long MAX_BODY = 4L * 1024 * 1024;
    private final Queues queues;

    QueuesApi(Queues queues) {
        this.queues = queues;
    }

    void handle(Request req, Response res, Callback cb, List<String> seg, String method) throws Exception {
        try {
            route(req, res, cb, seg, method);
        } catch (QueueException e) {
            throw api(e);
        }
    }

    private void route(Request req, Response res, Callback cb, List<String> seg, String method) throws Exception {
        if (seg.size() == 1 || (seg.size() == 2 && seg.get(1).isEmpty())) {
            switch (method) {
                case "GET" -> HttpIo.json(res, cb, 200, Map.of("queues", queues.list().stream().map(QueuesApi::view).toList()));
                case "POST" -> HttpIo.json(res, cb, 201, view(queues.put(keepTrigger(settings(body(req), Optional.empty())))));
                default -> throw notAllowed(method, "GET, POST");
            }
            return;
        }
        String name = seg.get(1);
        if (seg.size() == 2) {
            queue(req, res, cb, name, method);
            return;
        }
        String action = seg.get(2);
        if (action.equals("messages") && seg.size() == 4 && method.equals("DELETE")) {
            queues.deleteMessage(name, seg.get(3));
            noContent(res, cb);
            return;
        }
        only(method, "POST", seg);
        JsonNode body = body(req);
        switch (action) {
            case "messages" -> send(req, res, cb, name, body);
            case "receive" -> receive(res, cb, name, body);
            case "delete-batch" -> deleteBatch(res, cb, name, body);
            case "visibility" -> visibility(res, cb, name, body);
            case "purge" -> HttpIo.json(res, cb, 200, Map.of("purged", queues.purge(name)));
            case "redrive" -> HttpIo.json(res, cb, 200, Map.of("moved", queues.redrive(name)));
            default -> throw ApiException.notFound("no such admin endpoint: POST /v1/" + String.join("/", seg));
        }
    }

    private void queue(Request req, Response res, Callback cb, String name, String method) throws IOException {
        switch (method) {
            case "GET" -> HttpIo.json(res, cb, 200, view(queues.get(name)));
            case "PUT" -> HttpIo.json(res, cb, 200, view(queues.put(keepTrigger(settings(body(req), Optional.of(name))))));
            case "DELETE" -> {
                queues.delete(name);
                noContent(res, cb);
            }
            default -> throw notAllowed(method, "GET, PUT, DELETE");
        }
    }

    /** Triggers come from gust.yaml: changing attributes over the API keeps the queue's trigger. */
    private QueueSettings keepTrigger(QueueSettings s) {
        Optional<QueueConfig.Trigger> existing = queues.list().stream().map(QueueInfo::config)
                .filter(c -> c.name().equals(s.name())).findFirst().flatMap(QueueConfig::trigger);
        return s.withTrigger(existing);
    }

    private static QueueSettings settings(JsonNode b, Optional<String> pathName) {
        String name = pathName.orElseGet(() -> text(b, "name").orElse(null));
        text(b, "name").filter(n -> pathName.isPresent() && !n.equals(pathName.get())).ifPresent(n -> {
            throw ApiException.badRequest("name " + n + " differs from the queue in the path (" + pathName.get() + ")");
        });
        return new QueueSettings(name, duration(b, "visibilityTimeout"), duration(b, "delay"),
                duration(b, "retention"), integer(b, "maxMessageBytes"), text(b, "deadLetterQueue"),
                integer(b, "maxReceiveCount")).withFifo(bool(b, "fifo"), bool(b, "contentBasedDeduplication"));
    }

    private void send(Request req, Response res, Callback cb, String queue, JsonNode b) {
        JsonNode entries = b.get("entries");
        Sender sender = Sender.of(req);
        if (entries == null) {
            SendEntry.Sent sent = queues.sendMessage(queue, sender.onto(entry(b, "message")));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("messageId", sent.messageId());
            sent.sequenceNumber().ifPresent(n -> answer.put("sequenceNumber", String.valueOf(n)));
            HttpIo.json(res, cb, 201, answer);
            return;
        }
        if (!entries.isArray()) {
            throw ApiException.badRequest("entries must be an array of {id, body, attributes?, delay?, groupId?, deduplicationId?}");
        }
        List<SendEntry> list = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            list.add(sender.onto(entry(entries.get(i), "entries[" + i + "]")));
        }
        List<Map<String, Object>> ok = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (SendEntry.Result r : queues.sendBatch(queue, list)) {
            r.messageId().ifPresent(m -> ok.add(sent(r.entryId(), m, r.sequenceNumber())));
            r.error().ifPresent(e -> failed.add(failure(r.entryId(), e)));
        }
        HttpIo.json(res, cb, 200, Map.of("successful", ok, "failed", failed));
    }

    private static Map<String, Object> sent(String entryId, String messageId, Optional<Long> sequenceNumber) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", entryId);
        m.put("messageId", messageId);
        sequenceNumber.ifPresent(n -> m.put("sequenceNumber", String.valueOf(n)));
        return m;
    }

    /**
     * The trace context and correlation id of the sending request, carried by each message that
     * names none itself. Malformed headers are dropped, as for invocations (the consumer then
     * starts a new trace).
     */
    private record Sender(Optional<String> traceparent, Optional<String> correlationId) {
        static Sender of(Request req) {
            return new Sender(Optional.ofNullable(req.getHeaders().get("traceparent"))
                    .filter(t -> TraceContext.parse(t).isPresent()),
                    Optional.ofNullable(req.getHeaders().get(CorrelationIds.HEADER)).filter(CorrelationIds::isValid));
        }

        SendEntry onto(SendEntry e) {
            return new SendEntry(e.entryId(), e.body(), e.attributes(), e.delay(), e.groupId(), e.deduplicationId(),
                    e.traceparent().or(this::traceparent), e.correlationId().or(this::correlationId));
        }
    }

    private static SendEntry entry(JsonNode e, String path) {
        if (e == null || !e.isObject()) {
            throw ApiException.badRequest(path + " must be an object with body, attributes?, delay?, groupId?, deduplicationId?, traceparent?, correlationId?");
        }
        JsonNode body = e.get("body");
        if (body == null || !body.isTextual()) {
            throw ApiException.badRequest(path + ".body is required and must be a string");
        }
        String id = text(e, "id").orElse(path.equals("message") ? "0" : null);
        if (id == null) {
            throw ApiException.badRequest(path + ".id is required in a batch: a caller's id unique within it");
        }
        return new SendEntry(id, body.asText(), attributes(e, path), duration(e, "delay"),
                text(e, path, "groupId"), text(e, path, "deduplicationId"), text(e, path, "traceparent"),
                text(e, path, "correlationId"));
    }

    private static Map<String, String> attributes(JsonNode e, String path) {
        JsonNode a = e.get("attributes");
        if (a == null || a.isNull()) {
            return Map.of();
        }
        if (!a.isObject()) {
            throw ApiException.badRequest(path + ".attributes must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        a.properties().forEach(p -> {
            if (!p.getValue().isTextual()) {
                throw ApiException.badRequest(path + ".attributes." + p.getKey() + " must be a string");
            }
            out.put(p.getKey(), p.getValue().asText());
        });
        return out;
    }

    private void receive(Response res, Callback cb, String queue, JsonNode b) throws InterruptedException {
        int max = integer(b, "maxMessages").orElse(1);
        Duration wait = duration(b, "waitTime").orElse(Duration.ZERO);
        List<QueueMessage> got = queues.receive(queue, max, duration(b, "visibilityTimeout"), wait);
        HttpIo.json(res, cb, 200, Map.of("messages", got.stream().map(QueuesApi::message).toList()));
    }

    private void deleteBatch(Response res, Callback cb, String queue, JsonNode b) {
        JsonNode handles = b.get("receiptHandles");
        if (handles == null || !handles.isArray()) {
            throw ApiException.badRequest("receiptHandles is required: an array of 1..10 receipt handles");
        }
        List<String> list = new ArrayList<>();
        handles.forEach(h -> list.add(h.asText()));
        List<Optional<QueueException>> results = queues.deleteBatch(queue, list);
        List<String> ok = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String handle = list.get(i);
            results.get(i).ifPresentOrElse(e -> failed.add(failure(handle, e)), () -> ok.add(handle));
        }
        HttpIo.json(res, cb, 200, Map.of("successful", ok, "failed", failed));
    }

    private void visibility(Response res, Callback cb, String queue, JsonNode b) {
        String handle = text(b, "receiptHandle").orElseThrow(() -> ApiException.badRequest(
                "receiptHandle is required: the handle a receive returned"));
        Duration timeout = duration(b, "visibilityTimeout").orElseThrow(() -> ApiException.badRequest(
                "visibilityTimeout is required: 0s..12h from now"));
        queues.changeVisibility(queue, handle, timeout);
        noContent(res, cb);
    }

    static Map<String, Object> view(QueueInfo q) {
        var c = q.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.fifo() ? "fifo" : "standard");
        if (c.fifo()) {
            m.put("contentBasedDeduplication", c.contentBasedDeduplication());
        }
        m.put("visibilityTimeout", Durations.format(c.visibilityTimeout()));
        m.put("delay", Durations.format(c.delay()));
        m.put("retention", Durations.format(c.retention()));
        m.put("maxMessageBytes", c.maxMessageBytes());
        c.redrive().ifPresent(r -> {
            m.put("deadLetterQueue", r.deadLetterQueue());
            m.put("maxReceiveCount", r.maxReceiveCount());
        });
        c.trigger().ifPresent(t -> m.put("trigger", Map.of("function", t.function(), "batchSize", t.batchSize(),
                "batchingWindow", Durations.format(t.batchingWindow()), "maxConcurrency", t.maxConcurrency())));
        m.put("messages", q.counts().visible());
        m.put("inFlight", q.counts().inFlight());
        m.put("delayed", q.counts().delayed());
        m.put("oldestAgeSeconds", q.oldestAge().toSeconds());
        m.put("createdAt", c.createdAt().toString());
        return m;
    }

    private static Map<String, Object> message(QueueMessage msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", msg.id());
        m.put("receiptHandle", msg.receiptHandle().orElse(null));
        m.put("body", msg.body());
        m.put("attributes", msg.attributes());
        m.put("receiveCount", msg.receiveCount());
        m.put("sentAt", msg.sentAt().toString());
        msg.fifo().ifPresent(f -> {
            m.put("groupId", f.groupId());
            m.put("sequenceNumber", String.valueOf(f.sequenceNumber()));
            m.put("deduplicationId", f.deduplicationId());
        });
        msg.traceparent().ifPresent(t -> m.put("traceparent", t));
        msg.correlationId().ifPresent(c -> m.put("correlationId", c));
        msg.sourceQueue().ifPresent(s -> m.put("sourceQueue", s));
        msg.lastError().ifPresent(e -> m.put("lastError", e));
        return m;
    }

    private static Map<String, Object> failure(String id, QueueException e) {
        ApiException api = api(e);
        return Map.of("id", id, "status", api.status(), "type", api.type(), "message", e.getMessage());
    }

    static ApiException api(QueueException e) {
        return switch (e.kind()) {
            case INVALID -> ApiException.badRequest(e.getMessage());
            case NOT_FOUND -> new ApiException(404, "NotFound", e.getMessage());
            case TOO_LARGE -> new ApiException(413, "PayloadTooLarge", e.getMessage());
            case CONFLICT -> new ApiException(409, "Conflict", e.getMessage());
        };
    }

    private static JsonNode body(Request req) throws IOException {
        byte[] bytes = HttpIo.body(req, MAX_BODY);
        if (bytes.length == 0) {
            return HttpIo.JSON.createObjectNode();
        }
        try {
            JsonNode node = HttpIo.JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Optional<String> text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    /** A string field of a message entry, named with the entry's path when one is wrong. */
    private static Optional<String> text(JsonNode e, String path, String field) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(path + "." + field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    private static Optional<Boolean> bool(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    private static Optional<Integer> integer(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw ApiException.badRequest(field + " must be an integer");
        }
        return Optional.of(v.asInt());
    }

    private static Optional<Duration> duration(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Optional.of(Duration.ofSeconds(v.asLong()));
        }
        Optional<Duration> d = v.isTextual() ? Durations.parse(v.asText()) : Optional.empty();
        return Optional.of(d.orElseThrow(() -> ApiException.badRequest(field + " " + v
                + " is not a duration: use seconds (30) or a string like 30s, 5m, 12h, 4d")));
    }

    private static void only(String method, String allowed, List<String> seg) {
        if (!method.equals(allowed)) {
            throw notAllowed(method, allowed + " for /v1/" + String.join("/", seg));
        }
    }

    private static void noContent(Response res, Callback cb) {
        res.setStatus(204);
        cb.succeeded();
    }

    private static ApiException notAllowed(String method, String allowed) {
        return new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: " + allowed);
    }
}
