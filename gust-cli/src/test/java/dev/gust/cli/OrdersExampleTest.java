package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order pipeline of {@code examples/orders-java} on a real node, driven as its manifest's
 * comments tell a user to: one order followed through every hop by its correlation id, a bad
 * order refused at the edge, an order that cannot be fulfilled ending in the dead-letter queue, and
 * the nightly report's schedule and event.
 */
class OrdersExampleTest {
    static final Path ORDERS = Path.of("../examples/orders-java").toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path data;
    static RealNode node;

    @BeforeAll
    static void start() {
        node = RealNode.start(data);
        node.deploy(ORDERS);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static java.net.http.HttpResponse<String> order(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "content-type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return node.gateway("POST", "/orders", body, all);
    }

    @Test
    void anOrder_travelsRouteSyncCallQueueBusAndRule_andOneCorrelationIdFindsEveryHop() throws Exception {
        var accepted = order("{\"customer\":\"ada@example.com\",\"sku\":\"widget\",\"quantity\":3}",
                "Gust-Correlation-Id", "order-chain-1");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode answer = AdminClient.JSON.readTree(accepted.body());
        assertThat(answer.path("totalCents").asLong()).isEqualTo(750);
        String orderId = answer.path("orderId").asText();
        await().atMost(WAIT).untilAsserted(() -> {
            String chain = node.cli("invocations", "--correlation", "order-chain-1").out();
            for (String fn : List.of("place-order", "price-order", "fulfil-order", "notify-customer")) {
                assertThat(chain.lines()).as(chain).anySatisfy(l -> assertThat(l).contains(" " + fn + " ", "SUCCESS"));
            }
        });
        assertThat(node.cli("logs", "notify-customer").out()).contains("your order " + orderId + " is on its way");
    }

    @Test
    void anOrderThatCannotBeFulfilled_isRetried_thenDeadLetteredWithItsReason() throws Exception {
        var accepted = order("{\"customer\":\"bob@example.com\",\"sku\":\"gizmo\",\"quantity\":500}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String orderId = AdminClient.JSON.readTree(accepted.body()).path("orderId").asText();

        await().atMost(WAIT).untilAsserted(() -> {
            String dead = node.cli("queue", "receive", "orders-dead", "--max", "10").out();
            assertThat(dead).contains(orderId, "listed in batchItemFailures: order " + orderId + ": only 100 gizmo in stock");
        });
        assertThat(node.cli("logs", "fulfil-order").out()).contains("order " + orderId + ": only 100 gizmo in stock");
    }

    @Test
    void aBadOrder_is400NamingTheField() {
        var unknownSku = order("{\"customer\":\"ada\",\"sku\":\"unobtainium\",\"quantity\":1}");
        var noQuantity = order("{\"customer\":\"ada\",\"sku\":\"widget\"}");

        assertThat(unknownSku.statusCode()).isEqualTo(400);
        assertThat(unknownSku.body()).contains("sku: ", "no item unobtainium in the catalogue");
        assertThat(noQuantity.statusCode()).isEqualTo(400);
        assertThat(noQuantity.body()).contains("quantity: required");
    }

    @Test
    void theNightlyReport_isScheduledAt2Utc_andPublishesItsRequestWhenRun() {
        assertThat(node.cli("schedules", "ls").out()).contains("nightly-report", "cron(0 2 * * *)");

        Cli run = node.cli("invoke", "nightly-report", "--data", "{\"time\":\"2026-11-30T02:00:00Z\"}");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.out()).contains("2026-11-30");
        assertThat(node.cli("events", "ls").out()).contains("orders.report-requested");
    }
}
