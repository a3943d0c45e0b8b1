package dev.gust.server;

import dev.gust.store.ScheduleStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /v1/schedules} and {@code GET /v1/schedules/{name}}: schedules with their next and last slots. Thread-safe. */
final class SchedulesApi {
    private final ScheduleStore store;
    private final ScheduleLoop loop;

    SchedulesApi(ScheduleStore store, ScheduleLoop loop) {
        this.store = store;
        this.loop = loop;
    }

    void handle(Response res, Callback cb, List<String> seg, String method) {
        if (!method.equals("GET")) {
            throw new ApiException(405, "MethodNotAllowed", method + " is not allowed here; allowed: GET");
        }
        if (seg.size() == 1 || (seg.size() == 2 && seg.get(1).isEmpty())) {
            HttpIo.json(res, cb, 200, Map.of("schedules", store.list().stream().map(this::view).toList()));
            return;
        }
        if (seg.size() != 2) {
            throw ApiException.notFound("no such admin endpoint: GET /v1/" + String.join("/", seg));
        }
        HttpIo.json(res, cb, 200, view(store.get(seg.get(1)).orElseThrow(() -> ApiException.notFound(
                "no schedule named " + seg.get(1) + "; GET /v1/schedules lists them"))));
    }

    private Map<String, Object> view(ScheduleStore.Definition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("app", d.app());
        m.put("expression", d.expression());
        m.put("zone", d.zone());
        m.put("target", Map.of("kind", d.targetKind(), "name", d.targetName()));
        m.put("catchUp", d.catchUp());
        m.put("createdAt", d.createdAt().toString());
        m.put("nextSlot", loop.next(d).map(Object::toString).orElse(null));
        m.put("lastFired", store.lastFired(d.name()).map(Object::toString).orElse(null));
        return m;
    }
}
