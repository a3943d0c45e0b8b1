package dev.gust.gateway;

import java.util.Objects;

/**
 * One route of an app bound to a function.
 *
 * @param routeKey {@code METHOD /path}: METHOD is one of GET, POST, PUT, PATCH, DELETE, HEAD,
 *     OPTIONS or ANY; each path segment is a literal, a {@code {param}}, or, last, a greedy
 *     {@code {proxy+}}
 * @param function the function the route invokes
 * @param app the app the route belongs to (the event's {@code requestContext.apiId})
 */
public record Binding(String routeKey, String function, String app) {
    public Binding {
        Objects.requireNonNull(routeKey, "routeKey");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(app, "app");
    }

    @Override
    public String toString() {
        return routeKey + " (function " + function + ", app " + app + ")";
    }
}
