package dev.gust.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testing.FunctionTester;
import dev.gust.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyAndReportTest {

    @Test
    void notifyCustomer_tellsTheCustomerOfTheEventsOrder() throws Exception {
        var notify = FunctionTester.of(new NotifyCustomer());
        Map<String, Object> event = Map.of("type", "order.fulfilled", "data", Map.of("orderId", "o1", "customer", "ada"));

        assertThat(notify.invoke(event)).isEqualTo(Map.of("notified", "ada", "orderId", "o1"));
        assertThat(notify.logLines()).containsExactly("to ada: your order o1 is on its way");
    }

    @Test
    void nightlyReport_requestsTheReportForTheSlotsDay() throws Exception {
        var context = TestContext.create();
        var report = FunctionTester.of(new NightlyReport(), context);

        Map<String, Object> result = report.invoke(Map.of("schedule", "nightly-report", "time", "2026-11-30T02:00:00Z"));

        assertThat(result.get("day")).isEqualTo("2026-11-30");
        assertThat(context.events().ofType(NightlyReport.REQUESTED)).singleElement()
                .satisfies(e -> assertThat(e.data()).contains(Map.of("day", "2026-11-30")));
    }
}
