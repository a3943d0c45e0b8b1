package dev.gust.examples.orders;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import java.util.Map;

/**
 * Target of the rule {@code order-fulfilled}: receives the {@code order.fulfilled} CloudEvent and
 * tells the customer (here: a log line, which carries the order's correlation id).
 */
public final class NotifyCustomer implements Handler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        Map<?, ?> order = event != null && event.get("data") instanceof Map<?, ?> data ? data : Map.of();
        Object customer = order.get("customer");
        Object orderId = order.get("orderId");
        context.logger().log("to " + customer + ": your order " + orderId + " is on its way");
        return Map.of("notified", String.valueOf(customer), "orderId", String.valueOf(orderId));
    }
}
