package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TaskResourceTest {

    static TaskResource valid(String text) {
        TaskResource.Parsed parsed = TaskResource.parse(text);
        assertThat(parsed).isInstanceOf(TaskResource.Valid.class);
        return ((TaskResource.Valid) parsed).resource();
    }

    static String invalid(String text) {
        TaskResource.Parsed parsed = TaskResource.parse(text);
        assertThat(parsed).isInstanceOf(TaskResource.Invalid.class);
        return ((TaskResource.Invalid) parsed).message();
    }

    @Test
    void parse_readsEveryKindOfResource() {
        assertThat(valid("gust:function:resize")).isEqualTo(new TaskResource.Function("resize", false));
        assertThat(valid("gust:function:resize.waitForTaskToken"))
                .isEqualTo(new TaskResource.Function("resize", true));
        assertThat(valid("gust:queue:Orders_1")).isEqualTo(new TaskResource.Queue("Orders_1", false));
        assertThat(valid("gust:queue:orders.fifo.waitForTaskToken"))
                .isEqualTo(new TaskResource.Queue("orders.fifo", true));
        assertThat(valid("gust:events")).isEqualTo(new TaskResource.Events(false));
        assertThat(valid("gust:events.waitForTaskToken")).isEqualTo(new TaskResource.Events(true));
        assertThat(valid("gust:workflow:ship")).isEqualTo(new TaskResource.Workflow("ship", false));
        assertThat(valid("gust:workflow:ship.sync")).isEqualTo(new TaskResource.Workflow("ship", true));
    }

    @Test
    void parse_whenTheResourceIsUnknown_namesWhatIsAllowed() {
        assertThat(invalid("gust:kv:table")).contains("unknown resource").contains(TaskResource.ALLOWED);
        assertThat(invalid("")).contains(TaskResource.ALLOWED);
        assertThat(invalid("arn:aws:states:::lambda:invoke")).contains("AWS ARNs do not name Gust resources");
    }

    @Test
    void parse_whenANameBreaksItsRules_saysWhichName() {
        assertThat(invalid("gust:function:")).contains("\"\" is not a function name");
        assertThat(invalid("gust:queue:a b")).contains("\"a b\" is not a queue name");
        assertThat(invalid("gust:workflow:Ship.sync")).contains("\"Ship\" is not a workflow name");
        assertThat(invalid("gust:workflow:ship.waitForTaskToken")).contains("waits with .sync");
    }

    @Test
    void waitForTaskToken_isFalseForWorkflows() {
        assertThat(new TaskResource.Workflow("w", true).waitForTaskToken()).isFalse();
    }

    @Property
    void parse_ofAResourcesText_givesTheSameResource(
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = 'a', to = 'z') @Chars({'-', '0', '9'})
            String tail,
            @ForAll boolean flag) {
        String name = "a" + tail;
        for (TaskResource resource : new TaskResource[] {new TaskResource.Function(name, flag),
                new TaskResource.Queue(name, flag), new TaskResource.Events(flag),
                new TaskResource.Workflow(name, flag)}) {
            assertThat(valid(resource.text())).isEqualTo(resource);
        }
    }

    @Property
    void parse_ofTextOutsideTheGustScheme_isInvalid(@ForAll String text) {
        String outside = "x" + text;

        assertThat(invalid(outside)).contains(TaskResource.ALLOWED);
    }
}
