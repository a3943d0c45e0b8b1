package dev.gust.examples.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sdk.Context;
import dev.gust.sdk.EventClient;
import dev.gust.sdk.Handler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consumes the {@code orders} queue in batches. Each order it can fulfil is announced as an
 * {@code order.fulfilled} event on the bus; each it cannot (more than {@link #STOCK} items, or an
 * unreadable message) is reported in {@code batchItemFailures}, so only that message comes back,
 * and after three receives it lands in {@code orders-dead} with the reason.
 */
public final class FulfilOrder implements Handler<Map<String, Object>, Map<String, Object>> {
    static final String SOURCE = "/orders";
    static final String FULFILLED = "order.fulfilled";
    static final int STOCK = 100;
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Map<String, Object> handle(Map<String, Object> batch, Context context) {
        var failures = new ArrayList<Map<String, String>>();
        for (Object item : records(batch)) {
            if (item instanceof Map<?, ?> message && !fulfil(message, context)) {
                failures.add(Map.of("itemIdentifier", String.valueOf(message.get("messageId"))));
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    private static List<?> records(Map<String, Object> batch) {
        return batch != null && batch.get("Records") instanceof List<?> records ? records : List.of();
    }

    /** @return whether the order was fulfilled */
    private boolean fulfil(Map<?, ?> message, Context context) {
        Order order;
        try {
            order = json.readValue(String.valueOf(message.get("body")), Order.class);
        } catch (IOException e) {
            context.logger().log("message " + message.get("messageId") + " is not an order: " + e.getMessage());
            return false;
        }
        if (order.quantity() > STOCK) {
            context.logger().log("order " + order.orderId() + ": only " + STOCK + " " + order.sku() + " in stock");
            return false;
        }
        context.events().publish(EventClient.Event.of(SOURCE, FULFILLED, order).withSubject(order.orderId()));
        context.logger().log("order " + order.orderId() + " fulfilled");
        return true;
    }
}
