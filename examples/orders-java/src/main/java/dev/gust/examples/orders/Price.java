package dev.gust.examples.orders;

/**
 * What {@link PriceOrder} answers.
 *
 * @param sku the item
 * @param quantity how many
 * @param unitCents the price of one
 * @param totalCents the price of all
 */
public record Price(String sku, int quantity, long unitCents, long totalCents) {
}
