package dev.gust.examples.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sdk.Context;
import dev.gust.sdk.EventClient;
import dev.gust.sdk.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consumes the {@code orders} queue in batches. Each order it can fulfil is announced as an
 * {@code order.fulfilled} event on the bus; each it cannot (more than {@link #STOCK} items, or an
 * unreadable message) is reported in {@code batchItemFailures} with its reason, so only that
 * message comes back, and after three receives it lands in {@code orders-dead} with the reason.
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
            if (item instanceof Map<?, ?> message) {
                fulfil(message, context).ifPresent(reason -> failures.add(
                        Map.of("itemIdentifier", String.valueOf(message.get("messageId")), "reason", reason)));
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    private static List<?> records(Map<String, Object> batch) {
        return batch != null && batch.get("Records") instanceof List<?> records ? records : List.of();
    }

    /** @return why the order could not be fulfilled; empty when it was */
    private Optional<String> fulfil(Map<?, ?> message, Context context) {
        Order order;
        try {
            order = json.readValue(String.valueOf(message.get("body")), Order.class);
        } catch (JsonProcessingException e) {
            return failed("message " + message.get("messageId") + " is not an order: " + e.getOriginalMessage(), context);
        }
        if (order.quantity() > STOCK) {
            return failed("order " + order.orderId() + ": only " + STOCK + " " + order.sku() + " in stock", context);
        }
        context.events().publish(EventClient.Event.of(SOURCE, FULFILLED, order).withSubject(order.orderId()));
        context.logger().log("order " + order.orderId() + " fulfilled");
        return Optional.empty();
    }

    private static Optional<String> failed(String reason, Context context) {
        context.logger().log(reason);
        return Optional.of(reason);
    }
}
