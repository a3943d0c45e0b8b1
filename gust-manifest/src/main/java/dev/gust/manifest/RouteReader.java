package dev.gust.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code routes} lists and reports routes of the manifest that match the same requests (same
 * method and path shape). One instance per manifest; not thread-safe.
 */
final class RouteReader {
    private static final String ROUTE = "a \"METHOD /path\" string like \"GET /hello/{name}\"";
    private final Map<String, String> pathByShape = new HashMap<>();

    Optional<List<RouteSpec>> read(Field f) {
        return f.sequence("a list of \"METHOD /path\" strings like \"GET /hello\"").flatMap(list -> routes(f, list));
    }

    private Optional<List<RouteSpec>> routes(Field f, YamlNode.Sequence list) {
        List<RouteSpec> routes = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            var item = f.item(i, list.items().get(i));
            item.text(ROUTE).flatMap(text -> item.accept(RouteParser.parse(text)))
                    .flatMap(route -> unique(item, route))
                    .ifPresent(routes::add);
        }
        return routes.size() == list.items().size() ? Optional.of(routes) : Optional.empty();
    }

    private Optional<RouteSpec> unique(Field f, RouteSpec route) {
        String first = pathByShape.putIfAbsent(route.shape(), f.path());
        return first == null
                ? Optional.of(route)
                : f.fail("matches the same requests as " + first + " (" + route.shape() + ")");
    }
}
