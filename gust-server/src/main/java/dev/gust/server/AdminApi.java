package dev.gust.server;

import dev.gust.queue.Queues;
import dev.gust.runtime.Invoker;
import dev.gust.store.Store;
import dev.gust.workflow.WorkflowEngine;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: routes {@code /v1/...}, {@code /healthz} and {@code /metrics} to their handlers,
 * checks the bearer token, and turns {@link ApiException}s into JSON errors. Runs on virtual
 * threads; handlers block freely. Thread-safe.
 */
final class AdminApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private final AdminToken token;
    private final Store store;
    private final Invoker invoker;
    private final Metrics metrics;
    private final Deployer deployer;
    private final InvocationsApi invocations;
    private final LogsApi logs;
    private final UsageApi usage;
    private final SchedulesApi schedules;
    private final QueuesApi queues;
    private final EventsApi events;
    private final WorkflowsApi workflows;
    private final byte[] openApi;

    AdminApi(AdminToken token, Store store, Metrics metrics, Deployer deployer, AsyncDispatcher dispatcher,
            EventBus bus, ServerConfig config, InstantSource clock, ScheduleLoop schedules, Queues queues,
            WorkflowEngine engine) {
        this.workflows = new WorkflowsApi(store.workflows(), engine, clock);
        this.schedules = new SchedulesApi(store.schedules(), schedules);
        this.token = token;
        this.store = store;
        this.invoker = metrics;
        this.metrics = metrics;
        this.deployer = deployer;
        this.invocations = new InvocationsApi(metrics, store, dispatcher, clock);
        this.logs = new LogsApi(store, clock);
        this.usage = new UsageApi(store, config, clock);
        this.queues = new QueuesApi(queues);
        this.events = new EventsApi(bus, store.events(), clock);
        this.openApi = loadOpenApi();
    }

    LogsApi logs() {
        return logs;
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = AdminApi.class.getResourceAsStream("openapi.json")) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("openapi.json missing from the server jar", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback, Request.getPathInContext(request), request.getMethod());
        } catch (ApiException e) {
            HttpIo.error(response, callback, e);
        } catch (Exception e) {
            LOG.error("admin API {} {} failed", request.getMethod(), Request.getPathInContext(request), e);
            HttpIo.error(response, callback, new ApiException(500, "InternalError",
                    "the node failed to handle this request; see its log"));
        }
        return true;
    }

    private void route(Request req, Response res, Callback cb, String path, String method) throws Exception {
        if (path.equals("/healthz")) {
            var sandbox = invoker.sandbox();
            HttpIo.json(res, cb, 200, Map.of("status", "ok", "sandbox", sandbox.kind(), "cgroups", sandbox.cgroups()));
            return;
        }
        if (!token.accepts(req.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            res.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            throw new ApiException(401, "Unauthorized",
                    "missing or wrong admin token: send Authorization: Bearer <token> (the token is in <data>/admin-token)");
        }
        if (path.equals("/metrics")) {
            HttpIo.bytes(res, cb, 200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        if (!path.startsWith("/v1/")) {
            throw ApiException.notFound("no such admin endpoint: " + method + " " + path);
        }
        v1(req, res, cb, java.util.Arrays.stream(path.substring(4).split("/", -1))
                .map(s -> java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8))
                .toList(), method);
    }

    private void v1(Request req, Response res, Callback cb, List<String> seg, String method) throws Exception {
        String first = seg.get(0);
        switch (first) {
            case "openapi.json" -> only(method, "GET", () -> HttpIo.bytes(res, cb, 200, "application/json", openApi));
            case "deployments" -> only(method, "POST", () -> HttpIo.json(res, cb, 200,
                    deployer.deploy(HttpIo.body(req, Deployer.MAX_BUNDLE_BYTES))));
            case "functions" -> functions(req, res, cb, seg, method);
            case "invocations" -> invocations.records(req, res, cb, seg, method);
            case "async-invocations" -> invocations.asyncState(res, cb, seg, method);
            case "events" -> events.handle(req, res, cb, seg, method);
            case "usage" -> only(method, "GET", () -> usage.handle(req, res, cb));
            case "stem-cells" -> only(method, "GET", () -> HttpIo.json(res, cb, 200, Map.of("stemCells",
                    invoker.stemCells().stream().map(Views::stemCells).toList())));
            case "schedules" -> schedules.handle(res, cb, seg, method);
            case "queues" -> queues.handle(req, res, cb, seg, method);
            case "workflows" -> workflows.workflows(req, res, cb, seg, method);
            case "executions" -> workflows.executions(req, res, cb, seg, method);
            case "task-tokens" -> workflows.taskTokens(req, res, cb, seg, method);
            default -> throw ApiException.notFound("no such admin endpoint: " + method + " /v1/" + String.join("/", seg));
        }
    }

    private void functions(Request req, Response res, Callback cb, List<String> seg, String method) throws Exception {
        if (seg.size() == 1 || (seg.size() == 2 && seg.get(1).isEmpty())) {
            only(method, "GET", () -> HttpIo.json(res, cb, 200, Map.of("functions", store.functions().list().stream()
                    .map(v -> Views.function(v, invoker.stats(), metrics.coldStarts(v.spec().name()), false))
                    .toList())));
            return;
        }
        String name = seg.get(1);
        if (seg.size() == 2) {
            switch (method) {
                case "GET" -> {
                    var current = store.functions().current(name).orElseThrow(() -> unknownFunction(name));
                    var view = Views.function(current, invoker.stats(), metrics.coldStarts(name), true);
                    view.put("aotCache", invoker.aotCache(current));
                    HttpIo.json(res, cb, 200, view);
                }
                case "DELETE" -> {
                    if (!deployer.remove(name, HttpIo.query(req, "force").filter("true"::equals).isPresent())) {
                        throw unknownFunction(name);
                    }
                    res.setStatus(204);
                    cb.succeeded();
                }
                default -> throw notAllowed(method, "GET, DELETE");
            }
            return;
        }
        switch (seg.get(2)) {
            case "invocations" -> only(method, "POST", () -> invocations.invoke(req, res, cb, name));
            case "logs" -> only(method, "GET", () -> logs.handle(req, res, cb, name));
            default -> throw ApiException.notFound("no such admin endpoint: " + method + " /v1/" + String.join("/", seg));
        }
    }

    static ApiException unknownFunction(String name) {
        return new ApiException(404, "FunctionNotFound", "no function named " + name + "; see GET /v1/functions");
    }

    private static ApiException notAllowed(String method, String allowed) {
        return new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: " + allowed);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void only(String method, String allowed, Action action) throws Exception {
        if (!method.equals(allowed)) {
            throw notAllowed(method, allowed);
        }
        action.run();
    }
}
