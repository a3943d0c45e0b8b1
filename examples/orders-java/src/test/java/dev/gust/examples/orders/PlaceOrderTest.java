package dev.gust.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sdk.GustCallException;
import dev.gust.sdk.HttpResponse;
import dev.gust.testing.FunctionTester;
import dev.gust.testing.HttpEvents;
import dev.gust.testing.TestContext;
import org.junit.jupiter.api.Test;

class PlaceOrderTest {
    private final ObjectMapper json = new ObjectMapper();
    private final TestContext context = TestContext.builder().functionName("place-order").invocationId("inv-7").build();
    private final FunctionTester<dev.gust.sdk.HttpRequestEvent, HttpResponse> placeOrder =
            FunctionTester.of(new PlaceOrder(), context);

    private HttpResponse post(String body) throws Exception {
        return placeOrder.invoke(HttpEvents.post("/orders").json(body).build());
    }

    @Test
    void aValidOrder_isPricedThenQueued_andAnswered202WithItsId() throws Exception {
        context.functions().answerWith(PlaceOrder.PRICER, new Price("widget", 3, 250, 750));

        HttpResponse response = post("{\"customer\":\" ada@example.com \",\"sku\":\"widget\",\"quantity\":3}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("orderId").asText()).isEqualTo("ord-inv-7");
        assertThat(context.functions().invoked(PlaceOrder.PRICER)).singleElement()
                .satisfies(call -> assertThat(call.input()).isEqualTo(new OrderRequest(" ada@example.com ", "widget", 3)));
        assertThat(context.queues().bodies(PlaceOrder.QUEUE)).singleElement().satisfies(body ->
                assertThat(json.readValue(body, Order.class))
                        .isEqualTo(new Order("ord-inv-7", "ada@example.com", "widget", 3, 750)));
    }

    @Test
    void anInvalidOrder_is400NamingEachField_andQueuesNothing() throws Exception {
        HttpResponse response = post("{\"customer\":\"\",\"quantity\":0}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("customer: required", "sku: required", "quantity: required");
        assertThat(context.queues().sent()).isEmpty();
        assertThat(context.functions().invoked()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJson_is400() throws Exception {
        HttpResponse response = post("three widgets please");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("body: must be a JSON object");
        assertThat(context.queues().sent()).isEmpty();
    }

    @Test
    void anItemThePricerDoesNotKnow_is400NamingTheSku_andQueuesNothing() throws Exception {
        context.functions().fail(PlaceOrder.PRICER, "dev.gust.examples.orders.PriceOrder$UnknownSkuException",
                "no item unobtainium in the catalogue");

        HttpResponse response = post("{\"customer\":\"ada\",\"sku\":\"unobtainium\",\"quantity\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("sku: no item unobtainium");
        assertThat(context.queues().sent()).isEmpty();
    }

    @Test
    void aQueueThatIsMissing_failsTheInvocation_soTheCallerSeesAnError() {
        context.functions().answerWith(PlaceOrder.PRICER, new Price("widget", 1, 250, 250));
        context.queues().missing(PlaceOrder.QUEUE);

        assertThatThrownBy(() -> post("{\"customer\":\"ada\",\"sku\":\"widget\",\"quantity\":1}"))
                .isInstanceOf(GustCallException.class)
                .satisfies(e -> assertThat(((GustCallException) e).errorType())
                        .isEqualTo(GustCallException.QUEUE_DOES_NOT_EXIST));
    }
}
