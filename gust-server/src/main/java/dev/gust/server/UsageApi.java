package dev.gust.server;

import dev.gust.store.InvocationStore.Usage;
import dev.gust.store.Store;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v1/usage?since=1h}: requests, billed time, GB-seconds and cost per function, priced
 * as Lambda prices (per million requests plus per GB-second).
 */
final class UsageApi {
    private final Store store;
    private final ServerConfig config;
    private final InstantSource clock;

    UsageApi(Store store, ServerConfig config, InstantSource clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    void handle(Request req, Response res, Callback cb) {
        Instant to = clock.instant();
        Instant from = Since.parse(HttpIo.query(req, "since"), clock).orElse(to.minus(Duration.ofDays(1)));
        List<Usage> rows = store.invocations().usage(from, to);
        long requests = 0;
        double gbSeconds = 0;
        double cost = 0;
        List<Map<String, Object>> functions = new java.util.ArrayList<>();
        for (Usage u : rows) {
            double c = cost(u.requests(), u.gbSeconds());
            functions.add(row(u, c));
            requests += u.requests();
            gbSeconds += u.gbSeconds();
            cost += c;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("functions", functions);
        out.put("total", Map.of("requests", requests, "gbSeconds", gbSeconds, "cost", round(cost)));
        out.put("price", Map.of("perMillionRequests", config.pricePerMillionRequests(),
                "perGbSecond", config.pricePerGbSecond()));
        HttpIo.json(res, cb, 200, out);
    }

    double cost(long requests, double gbSeconds) {
        return requests / 1_000_000.0 * config.pricePerMillionRequests() + gbSeconds * config.pricePerGbSecond();
    }

    private Map<String, Object> row(Usage u, double cost) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("function", u.function());
        m.put("requests", u.requests());
        m.put("billedMs", u.billedMillis());
        m.put("gbSeconds", u.gbSeconds());
        m.put("errors", u.errors());
        m.put("cost", round(cost));
        return m;
    }

    /** Dollars to ten decimal places: enough for one 1 ms invocation at 128 MB. */
    private static double round(double dollars) {
        return BigDecimal.valueOf(dollars).setScale(10, RoundingMode.HALF_UP).doubleValue();
    }

}
