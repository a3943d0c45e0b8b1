package dev.gust.examples.orders;

/**
 * An accepted order, as it travels on the {@code orders} queue and in {@code order.fulfilled} events.
 *
 * @param orderId made by {@link PlaceOrder}
 * @param customer who ordered, e.g. an email address
 * @param sku what was ordered
 * @param quantity how many
 * @param totalCents the price {@link PriceOrder} gave
 */
public record Order(String orderId, String customer, String sku, int quantity, long totalCents) {
}
