package dev.gust.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.common.CorrelationIds;
import dev.gust.common.Ids;
import dev.gust.common.TraceContext;
import dev.gust.runtime.Invocation;
import dev.gust.runtime.InvocationRequest;
import dev.gust.runtime.Invoker;
import dev.gust.store.IdempotencyStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway: matches, reads the body, builds the event, invokes on the request's thread and
 * writes the response. Blocking by design (the server runs it on virtual threads).
 */
final class GatewayHandler extends Handler.Abstract implements Gateway {
    static final String INVOCATION_ID = "Gust-Invocation-Id";
    static final String COLD_START = "Gust-Cold-Start";
    static final String CORRELATION_ID = CorrelationIds.HEADER;
    static final String TRACEPARENT = "traceparent";
    private static final System.Logger LOG = System.getLogger(GatewayHandler.class.getName());

    private final Invoker invoker;
    private final InstantSource clock;
    private final EventWriter events;
    private final ResponseMapper responses;
    private final Optional<IdempotentReplies> idempotent;
    private volatile RouteTable routes = RouteTable.empty();

    GatewayHandler(Invoker invoker, InstantSource clock, Optional<IdempotencyStore> keys) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.clock = Objects.requireNonNull(clock, "clock");
        ObjectMapper mapper = new ObjectMapper();
        this.events = new EventWriter(mapper.getFactory());
        this.responses = new ResponseMapper(mapper);
        this.idempotent = keys.map(k -> new IdempotentReplies(k, clock, responses));
    }

    @Override
    public Handler handler() {
        return this;
    }

    @Override
    public void replaceRoutes(RouteTable table) {
        routes = Objects.requireNonNull(table, "table");
    }

    @Override
    public RouteTable routes() {
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        HttpFields headers = request.getHeaders();
        TraceContext trace = TraceContext.continueFrom(Optional.ofNullable(headers.get(TRACEPARENT)));
        String correlationId = correlationId(headers.get(CORRELATION_ID));
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Optional<RouteMatch> match = routes.match(method, path);
        if (match.isEmpty()) {
            Reply r = responses.error(404, "RouteNotFound", "no route for " + method + " " + path, Optional.empty());
            return send(r, Optional.empty(), trace, correlationId, response, callback);
        }
        byte[] body = readBody(request);
        if (body == null) {
            Reply r = responses.error(413, "PayloadTooLarge",
                    "request body is larger than " + MAX_BODY_BYTES + " bytes", Optional.empty());
            return send(r, Optional.empty(), trace, correlationId, response, callback);
        }
        return invoke(request, match.get(), body, trace, correlationId, response, callback);
    }

    private boolean invoke(Request request, RouteMatch match, byte[] body, TraceContext trace, String correlationId,
            Response response, Callback callback) {
        String id = Ids.timeOrdered(clock);
        String function = match.route().binding().function();
        String key = request.getHeaders().get(IdempotentReplies.HEADER);
        IdempotentReplies.Answer a = key == null || idempotent.isEmpty()
                ? run(request, match, body, id, function, trace, correlationId)
                : idempotent.get().answer(function, key, id,
                        () -> run(request, match, body, id, function, trace, correlationId));
        return send(a.reply(), Optional.of(a.invocationId()), a.coldStart(), trace, correlationId, response, callback);
    }

    private IdempotentReplies.Answer run(Request request, RouteMatch match, byte[] body, String id, String function,
            TraceContext trace, String correlationId) {
        byte[] event = events.write(request, match, id, clock.millis(), body);
        try {
            Invocation inv = invoker.invoke(new InvocationRequest(id, function, event, "http", trace, correlationId));
            return new IdempotentReplies.Answer(responses.map(inv.outcome(), id), id, inv.coldStart());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "invocation " + id + " of " + function + " failed in the node", e);
            return new IdempotentReplies.Answer(responses.error(500, "InternalError", "internal error", Optional.of(id)),
                    id, false);
        }
    }

    private boolean send(Reply reply, Optional<String> id, TraceContext trace, String correlationId,
            Response response, Callback callback) {
        return send(reply, id, false, trace, correlationId, response, callback);
    }

    private static boolean send(Reply reply, Optional<String> id, boolean coldStart, TraceContext trace,
            String correlationId, Response response, Callback callback) {
        response.setStatus(reply.status());
        HttpFields.Mutable out = response.getHeaders();
        for (Reply.Header h : reply.headers()) {
            out.add(h.name(), h.value());
        }
        id.ifPresent(v -> out.put(INVOCATION_ID, v));
        out.put(COLD_START, Boolean.toString(coldStart));
        out.put(TRACEPARENT, trace.traceparent());
        out.put(CORRELATION_ID, correlationId);
        out.put("Content-Length", Integer.toString(reply.body().length));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    /**
     * Reads the whole body, refusing early when Content-Length is over the limit and stopping at
     * the limit when the length is not known (chunked).
     *
     * @return the body, or null when it is larger than {@link #MAX_BODY_BYTES}
     */
    private static byte[] readBody(Request request) throws IOException {
        long length = request.getLength();
        if (length > MAX_BODY_BYTES) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        // not closed: closing before the end would fail the request's content for Jetty
        InputStream in = Content.Source.asInputStream(request);
        byte[] body = in.readNBytes(length > 0 ? (int) length : MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return null;
        }
        in.read(); // sees the end, so the connection can be reused
        return body;
    }

    /** @return the caller's correlation id when it is 1..128 of {@code [A-Za-z0-9._:-]}, else a new one */
    static String correlationId(String given) {
        return CorrelationIds.acceptOrCreate(Optional.ofNullable(given));
    }
}
