package dev.gust.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.sdk.Context;
import dev.gust.sdk.EventClient;
import dev.gust.sdk.GustCallException;
import dev.gust.sdk.Handler;
import dev.gust.sdk.QueueClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recording fakes a TestContext offers, exercised the way a function author's test would. */
class TestContextClientsTest {

    record Order(String id, int cents) {
    }

    record Quote(int cents) {
    }

    /** A handler under test: prices the order, queues it, announces it, and asks for an invoice later. */
    static final class Checkout implements Handler<Order, String> {
        @Override
        public String handle(Order order, Context context) {
            Quote quote = context.functions().invoke("price", order, Quote.class);
            context.queues().send("orders", QueueClient.Message.of(order.id()).withDelay(Duration.ofSeconds(5)));
            context.events().publish(EventClient.Event.of("/shop", "order.placed", order).withSubject(order.id()));
            context.functions().invokeAsync("invoice", order, "invoice-" + order.id());
            return order.id() + " costs " + quote.cents();
        }
    }

    @Test
    void handler_sendsPublishesAndInvokes_andTheTestSeesEachWithTheAnswersItConfigured() throws Exception {
        TestContext context = TestContext.create();
        context.functions().answer("price", in -> new Quote(((Order) in).cents() * 2)).answerWith("invoice", "ok");

        String out = new Checkout().handle(new Order("o-1", 50), context);

        assertThat(out).isEqualTo("o-1 costs 100");
        assertThat(context.queues().bodies("orders")).containsExactly("o-1");
        assertThat(context.queues().sent().getFirst().message().delay()).contains(Duration.ofSeconds(5));
        assertThat(context.queues().sent().getFirst().messageId()).isEqualTo("message-1");
        assertThat(context.events().ofType("order.placed")).singleElement()
                .satisfies(e -> assertThat(e.subject()).contains("o-1"))
                .satisfies(e -> assertThat(e.data()).contains(new Order("o-1", 50)));
        assertThat(context.functions().invoked("invoice")).singleElement()
                .satisfies(i -> assertThat(i.async()).isTrue())
                .satisfies(i -> assertThat(i.idempotencyKey()).contains("invoice-o-1"));
        assertThat(context.functions().invoked("price").getFirst().input()).isEqualTo(new Order("o-1", 50));
    }

    @Test
    void unknownFunctionsAndMissingQueues_failAsThePlatformWould() {
        TestContext context = TestContext.create();
        context.queues().missing("gone");

        assertThatThrownBy(() -> context.functions().invoke("nobody", Map.of(), Map.class))
                .isInstanceOfSatisfying(GustCallException.class,
                        e -> assertThat(e.errorType()).isEqualTo(GustCallException.FUNCTION_NOT_FOUND));
        assertThatThrownBy(() -> context.functions().invokeAsync("nobody", Map.of()))
                .isInstanceOfSatisfying(GustCallException.class,
                        e -> assertThat(e.errorType()).isEqualTo(GustCallException.FUNCTION_NOT_FOUND));
        assertThatThrownBy(() -> context.queues().send("gone", "x"))
                .isInstanceOfSatisfying(GustCallException.class,
                        e -> assertThat(e.errorType()).isEqualTo(GustCallException.QUEUE_DOES_NOT_EXIST));
        assertThat(context.queues().sent()).isEmpty();
        assertThat(context.functions().invoked()).isEmpty();
    }

    @Test
    void fail_makesSyncCallsThrowTheConfiguredErrorType() {
        TestContext context = TestContext.create();
        context.functions().fail("stock", GustCallException.TOO_MANY_REQUESTS, "busy");

        assertThatThrownBy(() -> context.functions().invoke("stock", "sku-1"))
                .isInstanceOfSatisfying(GustCallException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("TooManyRequests");
                    assertThat(e.getMessage()).isEqualTo("busy");
                });
        assertThat(context.functions().invoked("stock")).hasSize(1);
    }

    @Test
    void invokeAsync_repeatingAnIdempotencyKey_returnsTheFirstIdAndKeepsOneInvocation() {
        TestContext context = TestContext.create();
        context.functions().answerWith("invoice", null);

        String first = context.functions().invokeAsync("invoice", 1, "k");
        String again = context.functions().invokeAsync("invoice", 2, "k");
        String other = context.functions().invokeAsync("invoice", 3);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(context.functions().invoked()).extracting(FakeFunctionClient.Invoked::input).containsExactly(1, 3);
    }

    @Test
    void invoke_whenTheAnswerIsNotOfTheAskedType_failsTheTestWithAnExplanation() {
        TestContext context = TestContext.create();
        context.functions().answerWith("price", "{\"cents\":1}");

        assertThat(context.functions().invoke("price", null)).isEqualTo("{\"cents\":1}");
        assertThatThrownBy(() -> context.functions().invoke("price", null, Quote.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answer for price is a java.lang.String but the handler asked for");
    }

    @Test
    void publish_withoutASource_isRefusedAndNothingIsKept() {
        TestContext context = TestContext.create();
        assertThatThrownBy(() -> context.events().publish(new EventClient.Event("", "t", Optional.empty(),
                Optional.empty()))).isInstanceOfSatisfying(GustCallException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("source: must be a non-empty string"));
        assertThat(context.events().published()).isEqualTo(List.of());
    }

    @Test
    void workflowStart_ofADeclaredWorkflow_isKeptWithItsInputAndGetsAnId() {
        TestContext context = TestContext.create();
        context.workflows().declare("order-saga");

        String id = context.workflows().start("order-saga", new Order("o-1", 500));

        assertThat(id).isEqualTo("execution-1");
        assertThat(context.workflows().started("order-saga")).containsExactly(new FakeWorkflowClient.Started(
                "order-saga", new Order("o-1", 500), Optional.empty(), "execution-1"));
    }

    @Test
    void workflowStart_ofAnUndeclaredWorkflow_failsWithWorkflowNotFound_andKeepsNothing() {
        TestContext context = TestContext.create();

        assertThatThrownBy(() -> context.workflows().start("order-saga", Map.of()))
                .isInstanceOfSatisfying(GustCallException.class, e -> assertThat(e.errorType())
                        .isEqualTo(GustCallException.WORKFLOW_NOT_FOUND));
        assertThat(context.workflows().started()).isEmpty();
    }

    @Test
    void workflowStart_repeatingAName_returnsTheFirstId_orRefusesAnotherInput() {
        TestContext context = TestContext.create();
        context.workflows().declare("order-saga");

        String first = context.workflows().start("order-saga", new Order("o-1", 500), "order-o-1");
        String again = context.workflows().start("order-saga", new Order("o-1", 500), "order-o-1");

        assertThat(again).isEqualTo(first);
        assertThat(context.workflows().started()).hasSize(1);
        assertThatThrownBy(() -> context.workflows().start("order-saga", new Order("o-1", 900), "order-o-1"))
                .isInstanceOfSatisfying(GustCallException.class, e -> assertThat(e.errorType())
                        .isEqualTo(GustCallException.EXECUTION_ALREADY_EXISTS));
    }
}
