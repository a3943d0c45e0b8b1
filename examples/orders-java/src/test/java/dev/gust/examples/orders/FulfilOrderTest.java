package dev.gust.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sdk.EventClient;
import dev.gust.testing.FunctionTester;
import dev.gust.testing.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FulfilOrderTest {
    private final ObjectMapper json = new ObjectMapper();
    private final TestContext context = TestContext.create();
    private final FunctionTester<Map<String, Object>, Map<String, Object>> fulfil =
            FunctionTester.of(new FulfilOrder(), context);

    private Map<String, Object> message(String id, String body) {
        return Map.of("messageId", id, "body", body);
    }

    private String order(String id, int quantity) throws Exception {
        return json.writeValueAsString(new Order(id, "ada", "widget", quantity, 250L * quantity));
    }

    @Test
    void eachFulfilledOrder_isPublished_andNoneIsReportedFailed() throws Exception {
        var batch = Map.<String, Object>of("Records", List.of(message("m1", order("o1", 1)), message("m2", order("o2", 2))));

        Map<String, Object> result = fulfil.invoke(batch);

        assertThat((List<?>) result.get("batchItemFailures")).isEmpty();
        assertThat(context.events().ofType(FulfilOrder.FULFILLED)).extracting(EventClient.Event::subject)
                .containsExactly(java.util.Optional.of("o1"), java.util.Optional.of("o2"));
        assertThat(context.events().published()).allSatisfy(p -> assertThat(p.event().source()).isEqualTo("/orders"));
    }

    @Test
    void ordersBeyondStockAndUnreadableMessages_areReportedAsBatchItemFailures_only() throws Exception {
        var batch = Map.<String, Object>of("Records", List.of(message("m1", order("o1", 1)),
                message("m2", order("o2", FulfilOrder.STOCK + 1)), message("m3", "not json")));

        Map<String, Object> result = fulfil.invoke(batch);

        @SuppressWarnings("unchecked")
        var failures = (List<Map<String, String>>) result.get("batchItemFailures");
        assertThat(failures).extracting(f -> f.get("itemIdentifier")).containsExactly("m2", "m3");
        assertThat(failures.get(0).get("reason")).isEqualTo("order o2: only 100 widget in stock");
        assertThat(failures.get(1).get("reason")).startsWith("message m3 is not an order");
        assertThat(context.events().published()).hasSize(1);
        assertThat(fulfil.logLines()).anySatisfy(l -> assertThat(l).contains("o2", "in stock"));
    }

    @Test
    void anEmptyOrMissingBatch_failsNothing() throws Exception {
        assertThat((List<?>) fulfil.invoke(Map.of()).get("batchItemFailures")).isEmpty();
        assertThat(context.events().published()).isEmpty();
    }
}
