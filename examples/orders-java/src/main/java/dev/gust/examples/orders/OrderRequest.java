package dev.gust.examples.orders;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /orders}.
 *
 * @param customer who orders, not blank
 * @param sku what, not blank
 * @param quantity how many, 1..1000
 */
public record OrderRequest(String customer, String sku, Integer quantity) {
    static final int MAX_QUANTITY = 1000;

    /** @return what is wrong with this request, each naming its field; empty when nothing is */
    List<String> problems() {
        var problems = new ArrayList<String>();
        if (customer == null || customer.isBlank()) {
            problems.add("customer: required, a non-blank string");
        }
        if (sku == null || sku.isBlank()) {
            problems.add("sku: required, a non-blank string");
        }
        if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
            problems.add("quantity: required, a whole number from 1 to " + MAX_QUANTITY + ", was " + quantity);
        }
        return problems;
    }
}
