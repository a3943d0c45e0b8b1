package dev.gust.examples.orders;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import java.util.Map;

/**
 * Prices an order from a small catalogue. Called synchronously by {@link PlaceOrder} through
 * {@code context.functions()}; an unknown item fails with {@link UnknownSkuException}, whose class
 * name the caller sees as the error type.
 */
public final class PriceOrder implements Handler<OrderRequest, Price> {
    static final Map<String, Long> CATALOGUE = Map.of("widget", 250L, "gadget", 1_299L, "gizmo", 4_999L);

    @Override
    public Price handle(OrderRequest request, Context context) {
        Long unit = CATALOGUE.get(request.sku());
        if (unit == null) {
            throw new UnknownSkuException("no item " + request.sku() + " in the catalogue; known: "
                    + CATALOGUE.keySet().stream().sorted().toList());
        }
        return new Price(request.sku(), request.quantity(), unit, unit * request.quantity());
    }

    /** The item is not sold here. */
    public static final class UnknownSkuException extends RuntimeException {
        UnknownSkuException(String message) {
            super(message);
        }
    }
}
