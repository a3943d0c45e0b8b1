package dev.gust.examples.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sdk.Context;
import dev.gust.sdk.GustCallException;
import dev.gust.sdk.Handler;
import dev.gust.sdk.HttpRequestEvent;
import dev.gust.sdk.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /orders}: checks the order, prices it with a synchronous call to {@code price-order},
 * and sends it to the {@code orders} queue. Answers 202 with the order id once the message is
 * committed, or 400 naming what is wrong. The queue message carries this invocation's correlation
 * id, so every later step of the order is found under it.
 */
public final class PlaceOrder implements Handler<HttpRequestEvent, HttpResponse> {
    static final String QUEUE = "orders";
    static final String PRICER = "price-order";
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public HttpResponse handle(HttpRequestEvent event, Context context) throws JsonProcessingException {
        OrderRequest request;
        try {
            request = json.readValue(event.bodyBytes(), OrderRequest.class);
        } catch (java.io.IOException e) {
            return respond(400, Map.of("errors", List.of("body: must be a JSON object with customer, sku and quantity")));
        }
        List<String> problems = request == null ? List.of("body: required") : request.problems();
        if (!problems.isEmpty()) {
            return respond(400, Map.of("errors", problems));
        }
        Price price;
        try {
            price = context.functions().invoke(PRICER, request, Price.class);
        } catch (GustCallException e) {
            if (e.errorType().endsWith("UnknownSkuException")) {
                return respond(400, Map.of("errors", List.of("sku: " + e.getMessage())));
            }
            throw e;
        }
        var order = new Order("ord-" + context.invocationId(), request.customer().strip(), request.sku(),
                request.quantity(), price.totalCents());
        String messageId = context.queues().send(QUEUE, json.writeValueAsString(order));
        context.logger().log("order " + order.orderId() + " for " + order.customer() + " queued as " + messageId);
        return respond(202, Map.of("orderId", order.orderId(), "totalCents", order.totalCents(), "status", "accepted"));
    }

    private HttpResponse respond(int status, Map<String, ?> body) throws JsonProcessingException {
        return HttpResponse.of(status, "application/json", json.writeValueAsString(body));
    }
}
