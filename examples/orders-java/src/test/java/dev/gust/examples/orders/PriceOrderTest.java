package dev.gust.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testing.FunctionTester;
import org.junit.jupiter.api.Test;

class PriceOrderTest {
    private final FunctionTester<OrderRequest, Price> price = FunctionTester.of(new PriceOrder());

    @Test
    void aKnownItem_isPricedPerUnitTimesQuantity() throws Exception {
        assertThat(price.invoke(new OrderRequest("ada", "gadget", 2))).isEqualTo(new Price("gadget", 2, 1_299, 2_598));
    }

    @Test
    void anUnknownItem_failsNamingTheKnownOnes() {
        assertThatThrownBy(() -> price.invoke(new OrderRequest("ada", "unobtainium", 1)))
                .isInstanceOf(PriceOrder.UnknownSkuException.class)
                .hasMessageContaining("unobtainium").hasMessageContaining("[gadget, gizmo, widget]");
    }
}
