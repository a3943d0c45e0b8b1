package dev.gust.gateway;

/**
 * What is wrong with one binding of a route table.
 *
 * @param routeKey the binding's route key, as written
 * @param function the binding's function
 * @param app the binding's app
 * @param message what is wrong and what is allowed
 */
public record Problem(String routeKey, String function, String app, String message) {

    static Problem of(Binding b, String message) {
        return new Problem(b.routeKey(), b.function(), b.app(), message);
    }

    @Override
    public String toString() {
        return routeKey + " (function " + function + ", app " + app + "): " + message;
    }
}
