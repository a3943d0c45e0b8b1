package dev.gust.server;

import com.fasterxml.jackson.core.JsonParser;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.store.InvocationRecord;
import dev.gust.store.InvocationStore;
import dev.gust.store.Store;
import java.io.IOException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Direct invocations ({@code POST /v1/functions/{name}/invocations}) and invocation records. */
final class InvocationsApi {
    static final long MAX_PAYLOAD = 6L * 1024 * 1024;
    private final Invoker invoker;
    private final Store store;
    private final InstantSource clock;

    InvocationsApi(Invoker invoker, Store store, InstantSource clock) {
        this.invoker = invoker;
        this.store = store;
        this.clock = clock;
    }

    void invoke(Request req, Response res, Callback cb, String function) throws IOException {
        if (store.functions().current(function).isEmpty()) {
            throw AdminApi.unknownFunction(function);
        }
        byte[] payload = HttpIo.body(req, MAX_PAYLOAD);
        if (payload.length == 0) {
            payload = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        requireJson(payload);
        var trace = TraceContext.continueFrom(Optional.ofNullable(req.getHeaders().get("traceparent")));
        String correlation = CorrelationIds.acceptOrCreate(Optional.ofNullable(req.getHeaders().get(CorrelationIds.HEADER)));
        Invocation inv = invoker.invoke(new InvocationRequest(Ids.timeOrdered(clock), function, payload, "api", trace,
                correlation));
        var h = res.getHeaders();
        h.put("Gust-Invocation-Id", inv.record().id());
        h.put("Gust-Cold-Start", Boolean.toString(inv.coldStart()));
        h.put("traceparent", trace.traceparent());
        h.put(CorrelationIds.HEADER, correlation);
        switch (inv.outcome()) {
            case Outcome.Success s -> HttpIo.bytes(res, cb, 200, "application/json", s.payload());
            case Outcome.Failure f -> HttpIo.json(res, cb, f.kind().httpStatus(), Map.of("error", failure(f, inv)));
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

    void records(Request req, Response res, Callback cb, List<String> seg, String method) {
        if (!method.equals("GET")) {
            throw new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: GET");
        }
        if (seg.size() >= 2 && !seg.get(1).isEmpty()) {
            InvocationRecord r = store.invocations().get(seg.get(1))
                    .orElseThrow(() -> ApiException.notFound("no invocation with id " + seg.get(1)));
            HttpIo.json(res, cb, 200, Views.invocation(r));
            return;
        }
        var query = new InvocationStore.Query(HttpIo.query(req, "function"), status(req), limit(req, 50, 1000));
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
