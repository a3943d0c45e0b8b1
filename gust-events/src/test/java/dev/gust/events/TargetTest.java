package dev.gust.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void check_whenNamesFollowGustNaming_findsNothing() {
        assertThat(new Target.FunctionTarget("ship-order").check("t")).isEmpty();
        assertThat(new Target.QueueTarget("orders").check("t")).isEmpty();
        assertThat(new Target.QueueTarget("Orders_2026").check("t")).isEmpty();
        assertThat(new Target.QueueTarget("orders.fifo").check("t")).isEmpty();
        assertThat(new Target.WorkflowTarget("fulfil-2").check("t")).isEmpty();
        assertThat(new Target.WebhookTarget("https://hooks.example/orders?x=1", "SHOP_HOOK_SECRET").check("t")).isEmpty();
    }

    @Test
    void check_whenNameBreaksGustNaming_saysWhatIsAllowed() {
        assertThat(new Target.FunctionTarget("Ship_Order").check("targets[0]")).extracting(Problem::toString)
                .containsExactly("targets[0].name: must be a function name: lower-case letters, digits and dashes, "
                        + "starting with a letter, at most 63 characters, was \"Ship_Order\"");
        assertThat(new Target.QueueTarget("").check("t")).singleElement().asString().contains("queue name");
        assertThat(new Target.QueueTarget("a.b").check("t")).singleElement().asString().contains("queue name");
        assertThat(new Target.WorkflowTarget("9lives").check("t")).singleElement().asString().contains("workflow name");
    }

    @Test
    void check_whenWebhookUrlIsNotAbsoluteHttp_rejectsIt() {
        for (String url : new String[] {"/relative", "ftp://files.example/x", "https://", "http ://x", "mailto:a@b"}) {
            assertThat(new Target.WebhookTarget(url, "S").check("targets[1]")).as(url)
                    .extracting(Problem::toString).singleElement().asString()
                    .startsWith("targets[1].url: must be an absolute http or https URL with a host");
        }
    }

    @Test
    void check_whenSecretRefIsInvalid_rejectsIt() {
        assertThat(new Target.WebhookTarget("https://hooks.example", "no spaces").check("t"))
                .extracting(Problem::path).containsExactly("t.secretRef");
        assertThat(new Target.WebhookTarget("https://hooks.example", "").check("t"))
                .extracting(Problem::path).containsExactly("t.secretRef");
    }
}
