package dev.gust.examples.orders;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import java.util.Map;

/**
 * Runs every night at 02:00 UTC (the schedule {@code nightly-report}) and asks for the day's report
 * by publishing {@code orders.report-requested} for the day the schedule's slot names. A real
 * report would read a database; functions keep no state of their own.
 */
public final class NightlyReport implements Handler<Map<String, Object>, Map<String, Object>> {
    static final String REQUESTED = "orders.report-requested";

    @Override
    public Map<String, Object> handle(Map<String, Object> scheduled, Context context) {
        String time = scheduled == null ? "" : String.valueOf(scheduled.getOrDefault("time", ""));
        String day = time.length() >= 10 ? time.substring(0, 10) : "unknown";
        String eventId = context.events().publish(FulfilOrder.SOURCE, REQUESTED, Map.of("day", day));
        context.logger().log("report for " + day + " requested as event " + eventId);
        return Map.of("day", day, "event", eventId);
    }
}
