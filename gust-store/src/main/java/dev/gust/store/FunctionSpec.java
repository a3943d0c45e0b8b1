package dev.gust.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines one function version, as validated from a manifest. Two specs with
 * equal fields are the same deployment.
 *
 * @param name function name
 * @param runtime e.g. {@code java21}
 * @param handler e.g. {@code com.example.Hello} or {@code com.example.Hello::handle}
 * @param codeSha256 the content address of the code artifact
 * @param memoryMb memory limit, 128..10240
 * @param timeout invocation timeout
 * @param concurrency instance limits
 * @param environment environment variables given to the function
 * @param network whether the function may use the network
 * @param routes gateway routes, e.g. {@code GET /hello}, in declaration order
 */
public record FunctionSpec(
        String name,
        String runtime,
        String handler,
        String codeSha256,
        int memoryMb,
        Duration timeout,
        Concurrency concurrency,
        Map<String, String> environment,
        boolean network,
        List<String> routes) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
    }

    /**
     * @param min instances kept warm
     * @param max most instances at once
     * @param perInstance concurrent invocations one instance serves
     */
    public record Concurrency(int min, int max, int perInstance) {
    }
}
