package dev.gust.server;

import com.fasterxml.jackson.core.JsonParser;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.store.AsyncEvent;
import dev.gust.store.IdempotencyStore;
import dev.gust.store.IdempotencyStore.StoredResponse;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationStore;
import dev.gust.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Direct invocations ({@code POST /v1/functions/{name}/invocations}): synchronous, or async with
 * {@code Gust-Invocation-Type: event} (202 once the event is committed); either made idempotent
 * by an {@code Idempotency-Key}. Also invocation records (one with its child work: what it asked the
 * platform to do; lists filtered by function, status or correlation id) and async invocation states.
 */
final class InvocationsApi {
    static final long MAX_PAYLOAD = 6L * 1024 * 1024;
    /** Like Lambda's async limit: an event is kept in the store until it runs. */
    static final long MAX_ASYNC_PAYLOAD = 256L * 1024;
    static final String INVOCATION_TYPE = "Gust-Invocation-Type";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private final Invoker invoker;
    private final Store store;
    private final AsyncDispatcher dispatcher;
    private final InstantSource clock;

    InvocationsApi(Invoker invoker, Store store, AsyncDispatcher dispatcher, InstantSource clock) {
        this.invoker = invoker;
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    void invoke(Request req, Response res, Callback cb, String function) throws IOException {
        if (store.functions().current(function).isEmpty()) {
            throw AdminApi.unknownFunction(function);
        }
        boolean async = isEvent(req.getHeaders().get(INVOCATION_TYPE));
        Optional<String> key = idempotencyKey(req.getHeaders().get(IDEMPOTENCY_KEY));
        byte[] payload = HttpIo.body(req, async ? MAX_ASYNC_PAYLOAD : MAX_PAYLOAD);
        if (payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        }
        requireJson(payload);
        var trace = TraceContext.continueFrom(Optional.ofNullable(req.getHeaders().get("traceparent")));
        String correlation = CorrelationIds.acceptOrCreate(Optional.ofNullable(req.getHeaders().get(CorrelationIds.HEADER)));
        var call = new Call(Ids.timeOrdered(clock), function, payload, trace, correlation);
        StoredResponse reply = key.isPresent()
                ? idempotent(function, key.get(), call.id(), () -> run(call, async))
                : run(call, async);
        write(res, cb, reply);
    }

    /** One accepted invocation request, before it runs. */
    private record Call(String id, String function, byte[] payload, TraceContext trace, String correlation) {
    }

    private StoredResponse run(Call call, boolean async) {
        return async ? accept(call) : runNow(call);
    }

    private StoredResponse accept(Call c) {
        dispatcher.accept(AsyncEvent.accepted(c.id(), c.function(), new String(c.payload(), StandardCharsets.UTF_8),
                c.trace().traceparent(), c.correlation(), clock.instant()));
        return new StoredResponse(c.id(), 202, "application/json", bytes(Map.of("invocationId", c.id())), headers(c));
    }

    private StoredResponse runNow(Call c) {
        Invocation inv = invoker.invoke(new InvocationRequest(c.id(), c.function(), c.payload(), "api", c.trace(),
                c.correlation()));
        var h = new LinkedHashMap<>(headers(c));
        h.put("Gust-Invocation-Id", inv.record().id());
        h.put("Gust-Cold-Start", Boolean.toString(inv.coldStart()));
        return switch (inv.outcome()) {
            case Outcome.Success s -> new StoredResponse(inv.record().id(), 200, "application/json", s.payload(), h);
            case Outcome.Failure f -> new StoredResponse(inv.record().id(), f.kind().httpStatus(), "application/json",
                    bytes(Map.of("error", failure(f, inv))), h);
        };
    }

    private static Map<String, String> headers(Call c) {
        return Map.of("Gust-Invocation-Id", c.id(), "traceparent", c.trace().traceparent(),
                CorrelationIds.HEADER, c.correlation());
    }

    /**
     * Runs {@code first} only if this request claims the key (the claim is committed first);
     * a repeat gets the stored reply, or a 409 while the first still runs.
     */
    private StoredResponse idempotent(String function, String key, String id, Supplier<StoredResponse> first) {
        var claims = store.idempotency();
        switch (claims.claim(function, key, id, clock.instant(), IDEMPOTENCY_WINDOW)) {
            case IdempotencyStore.Claim.Running r -> throw new ApiException(409, "IdempotencyConflict",
                    "a request with Idempotency-Key " + key + " for " + function + " is still running (invocation "
                            + r.invocationId() + "); repeat it once that one has finished");
            case IdempotencyStore.Claim.Done d -> {
                return replay(d.response());
            }
            case IdempotencyStore.Claim.Claimed c -> {
                return firstRun(function, key, first);
            }
        }
    }

    private StoredResponse firstRun(String function, String key, Supplier<StoredResponse> first) {
        StoredResponse reply;
        try {
            reply = first.get();
        } catch (RuntimeException e) {
            store.idempotency().release(function, key);
            throw e;
        }
        if (reply.body().length <= IdempotencyStore.MAX_BODY_BYTES) {
            store.idempotency().complete(function, key, reply);
        } else {
            store.idempotency().release(function, key);
        }
        return reply;
    }

    private static StoredResponse replay(StoredResponse first) {
        var h = new LinkedHashMap<>(first.headers());
        h.put("Gust-Idempotent-Replay", "true");
        return new StoredResponse(first.invocationId(), first.status(), first.contentType(), first.body(), h);
    }

    private static void write(Response res, Callback cb, StoredResponse reply) {
        reply.headers().forEach((k, v) -> res.getHeaders().put(k, v));
        HttpIo.bytes(res, cb, reply.status(), reply.contentType(), reply.body());
    }

    private static boolean isEvent(String type) {
        if (type == null || type.equalsIgnoreCase("request-response") || type.equalsIgnoreCase("RequestResponse")) {
            return false;
        }
        if (type.equalsIgnoreCase("event")) {
            return true;
        }
        throw ApiException.badRequest(INVOCATION_TYPE + ": must be event or request-response, was " + type);
    }

    private static Optional<String> idempotencyKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ApiException.badRequest(IDEMPOTENCY_KEY + ": must be 1..255 printable ASCII characters, was "
                    + (key.length() > 40 ? key.substring(0, 40) + "..." : key));
        }
        return Optional.of(key);
    }

    private static byte[] bytes(Object value) {
        try {
            return HttpIo.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("unserialisable response", e);
        }
    }

    private static Map<String, Object> failure(Outcome.Failure f, Invocation inv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", f.errorType());
        m.put("message", f.message());
        m.put("invocationId", inv.record().id());
        if (!f.stackTrace().isEmpty()) {
            m.put("stackTrace", f.stackTrace());
        }
        return m;
    }

    /** Rejects a payload that is not exactly one JSON value. */
    private static void requireJson(byte[] payload) {
        try (JsonParser p = HttpIo.JSON.getFactory().createParser(payload)) {
            if (p.nextToken() == null) {
                throw ApiException.badRequest("the request body must be a JSON value");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw ApiException.badRequest("the request body must be a single JSON value; found more after it");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /** {@code GET /v1/async-invocations/{id}}: where an async invocation is. */
    void asyncState(Response res, Callback cb, List<String> seg, String method) {
        if (!method.equals("GET")) {
            throw new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: GET");
        }
        if (seg.size() != 2 || seg.get(1).isEmpty()) {
            throw ApiException.notFound("name an async invocation: GET /v1/async-invocations/{id}");
        }
        AsyncEvent e = store.asyncInvocations().get(seg.get(1))
                .orElseThrow(() -> ApiException.notFound("no async invocation with id " + seg.get(1)));
        HttpIo.json(res, cb, 200, Views.asyncInvocation(e));
    }

    void records(Request req, Response res, Callback cb, List<String> seg, String method) {
        if (!method.equals("GET")) {
            throw new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: GET");
        }
        if (seg.size() >= 2 && !seg.get(1).isEmpty()) {
            InvocationRecord r = store.invocations().get(seg.get(1))
                    .orElseThrow(() -> ApiException.notFound("no invocation with id " + seg.get(1)));
            HttpIo.json(res, cb, 200, Views.invocation(r, store.childWork().of(r.id())));
            return;
        }
        var query = new InvocationStore.Query(HttpIo.query(req, "function"), status(req), limit(req, 50, 1000),
                correlationId(req));
        HttpIo.json(res, cb, 200, Map.of("invocations",
                store.invocations().find(query).stream().map(Views::invocation).toList()));
    }

    private static Optional<InvocationRecord.Status> status(Request req) {
        return HttpIo.query(req, "status").map(s -> {
            try {
                return InvocationRecord.Status.valueOf(s.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status: must be one of " + List.of(InvocationRecord.Status.values())
                        + ", was " + s);
            }
        });
    }

    private static Optional<String> correlationId(Request req) {
        return HttpIo.query(req, "correlationId").map(c -> {
            if (!CorrelationIds.isValid(c)) {
                throw ApiException.badRequest("correlationId: must be 1.." + CorrelationIds.MAX_LENGTH
                        + " characters of A-Z a-z 0-9 . _ : -, was " + (c.length() > 40 ? c.substring(0, 40) + "..." : c));
            }
            return c;
        });
    }

    static int limit(Request req, int fallback, int max) {
        return HttpIo.query(req, "limit").map(s -> {
            try {
                int n = Integer.parseInt(s);
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw ApiException.badRequest("limit: must be a whole number 1.." + max + ", was " + s);
        }).orElse(fallback);
    }
}
