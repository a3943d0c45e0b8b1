package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DefinitionsTest {

    static StateMachine accepted(String json) {
        Definitions.Result result = Definitions.parse(json);
        assertThat(result).isInstanceOf(Definitions.Accepted.class);
        return ((Definitions.Accepted) result).machine();
    }

    static List<Problem> rejected(String json) {
        Definitions.Result result = Definitions.parse(json);
        assertThat(result).isInstanceOf(Definitions.Rejected.class);
        return ((Definitions.Rejected) result).problems();
    }

    /** Single quotes for readability in tests. */
    static String json(String text) {
        return text.replace('\'', '"');
    }

    @Test
    void parse_keepsStatesInTheOrderTheyAreWritten() {
        StateMachine machine = accepted(json("{'StartAt': 'C', 'States': {'C': {'Type': 'Pass', 'Next': 'A'},"
                + "'A': {'Type': 'Pass', 'Next': 'B'}, 'B': {'Type': 'Succeed'}}}"));

        assertThat(machine.states().keySet()).containsExactly("C", "A", "B");
        assertThat(machine.start()).isInstanceOf(State.Pass.class);
        assertThat(machine.state("B")).containsInstanceOf(State.Succeed.class);
        assertThat(machine.version()).isEqualTo("1.0");
        assertThat(machine.timeoutSeconds()).isEmpty();
    }

    @Test
    void parse_whenOptionalFieldsAreLeftOut_appliesTheLanguageDefaults() {
        StateMachine machine = accepted(json("{'StartAt': 'T', 'States': {'T': {'Type': 'Task',"
                + "'Resource': 'gust:function:f', 'Retry': [{'ErrorEquals': ['E']}],"
                + "'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'F'}], 'End': true}, 'F': {'Type': 'Fail'}}}"));

        var task = (State.Task) machine.start();
        assertThat(task.timeoutSeconds()).isEqualTo(new ValueOrPath.Fixed<>(60L));
        assertThat(task.heartbeatSeconds()).isEmpty();
        assertThat(task.inputPath()).contains("$");
        assertThat(task.outputPath()).contains("$");
        assertThat(task.resultPath()).contains("$");
        assertThat(task.parameters()).isEmpty();
        assertThat(task.transition()).isEqualTo(new Transition.End());
        assertThat(task.retry()).containsExactly(new Retrier(List.of("E"), 1, 3, 2.0, OptionalLong.empty(),
                Retrier.JitterStrategy.NONE));
        assertThat(task.catchers()).containsExactly(new Catcher(List.of("States.ALL"), "F", Optional.of("$")));
        assertThat((State.Fail) machine.state("F").orElseThrow())
                .isEqualTo(new State.Fail(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void parse_whenAPathIsNull_readsItAsEmpty() {
        var pass = (State.Pass) accepted(json("{'StartAt': 'P', 'States': {'P': {'Type': 'Pass',"
                + "'InputPath': null, 'OutputPath': null, 'ResultPath': null, 'End': true}}}")).start();

        assertThat(pass.inputPath()).isEmpty();
        assertThat(pass.outputPath()).isEmpty();
        assertThat(pass.resultPath()).isEmpty();
    }

    @Test
    void parse_readsEveryFieldOfATask() {
        var task = (State.Task) accepted(json("{'StartAt': 'T', 'TimeoutSeconds': 900, 'States': {'T': {"
                + "'Type': 'Task', 'Comment': 'c', 'Resource': 'gust:queue:jobs.fifo.waitForTaskToken',"
                + "'InputPath': '$.in', 'Parameters': {'a.$': '$.b'}, 'ResultSelector': {'r.$': '$.x'},"
                + "'ResultPath': '$.out', 'OutputPath': '$.keep', 'TimeoutSecondsPath': '$.t',"
                + "'HeartbeatSeconds': 30, 'Retry': [{'ErrorEquals': ['A', 'B'], 'IntervalSeconds': 2,"
                + "'MaxAttempts': 0, 'BackoffRate': 1.5, 'MaxDelaySeconds': 8, 'JitterStrategy': 'FULL'}],"
                + "'Next': 'S'}, 'S': {'Type': 'Succeed'}}}")).start();

        assertThat(task.comment()).contains("c");
        assertThat(task.resource()).isEqualTo(new TaskResource.Queue("jobs.fifo", true));
        assertThat(task.inputPath()).contains("$.in");
        assertThat(task.parameters().orElseThrow().get("a.$").asText()).isEqualTo("$.b");
        assertThat(task.resultSelector().orElseThrow().get("r.$").asText()).isEqualTo("$.x");
        assertThat(task.resultPath()).contains("$.out");
        assertThat(task.outputPath()).contains("$.keep");
        assertThat(task.timeoutSeconds()).isEqualTo(new ValueOrPath.FromPath<Long>("$.t"));
        assertThat(task.heartbeatSeconds()).contains(new ValueOrPath.Fixed<>(30L));
        assertThat(task.retry()).containsExactly(new Retrier(List.of("A", "B"), 2, 0, 1.5, OptionalLong.of(8),
                Retrier.JitterStrategy.FULL));
        assertThat(task.transition()).isEqualTo(new Transition.Next("S"));
    }

    @Test
    void parse_readsTheTopLevelTimeout() {
        StateMachine machine = accepted(json("{'StartAt': 'S', 'TimeoutSeconds': 3600, 'Comment': 'x',"
                + "'States': {'S': {'Type': 'Succeed'}}}"));

        assertThat(machine.timeoutSeconds()).hasValue(3600);
        assertThat(machine.comment()).contains("x");
    }

    @Test
    void parse_readsEachFormOfWait() {
        StateMachine machine = accepted(json("{'StartAt': 'A', 'States': {"
                + "'A': {'Type': 'Wait', 'Seconds': 10, 'Next': 'B'},"
                + "'B': {'Type': 'Wait', 'Timestamp': '2016-03-14T01:59:00+01:00', 'Next': 'C'},"
                + "'C': {'Type': 'Wait', 'SecondsPath': '$.s', 'Next': 'D'},"
                + "'D': {'Type': 'Wait', 'TimestampPath': '$.t', 'End': true}}}"));

        assertThat(machine.states().values()).map(s -> ((State.Wait) s).waitFor()).containsExactly(
                new WaitFor.Seconds(10),
                new WaitFor.Timestamp(OffsetDateTime.parse("2016-03-14T01:59:00+01:00")),
                new WaitFor.SecondsPath("$.s"),
                new WaitFor.TimestampPath("$.t"));
    }

    @Test
    void parse_readsParallelBranchesAsNestedMachines() {
        var parallel = (State.Parallel) accepted(json("{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel',"
                + "'Branches': [{'StartAt': 'A', 'States': {'A': {'Type': 'Succeed'}}},"
                + "{'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'Next': 'C'}, 'C': {'Type': 'Succeed'}}}],"
                + "'End': true}}}")).start();

        assertThat(parallel.branches()).hasSize(2);
        assertThat(parallel.branches().get(1).startAt()).isEqualTo("B");
        assertThat(parallel.branches().get(1).states().keySet()).containsExactly("B", "C");
    }

    @Test
    void parse_readsAMapsCurrentFields() {
        var map = (State.Map) accepted(json("{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': '$.items',"
                + "'ItemSelector': {'v.$': '$$.Map.Item.Value'}, 'MaxConcurrency': 4,"
                + "'ToleratedFailurePercentage': 10, 'ToleratedFailureCountPath': '$.n',"
                + "'ItemProcessor': {'ProcessorConfig': {'Mode': 'INLINE'}, 'StartAt': 'E',"
                + "'States': {'E': {'Type': 'Succeed'}}}, 'End': true}}}")).start();

        assertThat(map.itemsPath()).isEqualTo("$.items");
        assertThat(map.itemSelector().orElseThrow().has("v.$")).isTrue();
        assertThat(map.maxConcurrency()).isEqualTo(new ValueOrPath.Fixed<>(4));
        assertThat(map.toleratedFailurePercentage()).contains(new ValueOrPath.Fixed<>(10.0));
        assertThat(map.toleratedFailureCount()).contains(new ValueOrPath.FromPath<>("$.n"));
        assertThat(map.itemProcessor().startAt()).isEqualTo("E");
    }

    @Test
    void parse_readsAMapsLegacyIteratorAndParametersAsItemProcessorAndItemSelector() {
        var map = (State.Map) accepted(json("{'StartAt': 'M', 'States': {'M': {'Type': 'Map',"
                + "'Parameters': {'v.$': '$$.Map.Item.Value'},"
                + "'Iterator': {'StartAt': 'E', 'States': {'E': {'Type': 'Succeed'}}}, 'End': true}}}")).start();

        assertThat(map.itemSelector().orElseThrow().has("v.$")).isTrue();
        assertThat(map.itemProcessor().states()).containsOnlyKeys("E");
        assertThat(map.itemsPath()).isEqualTo("$");
        assertThat(map.maxConcurrency()).isEqualTo(new ValueOrPath.Fixed<>(0));
        assertThat(map.toleratedFailurePercentage()).isEmpty();
    }

    @Test
    void parse_readsChoicesAsWrittenAndTheDefault() {
        var choice = (State.Choice) accepted(json("{'StartAt': 'C', 'States': {'C': {'Type': 'Choice',"
                + "'Choices': [{'Variable': '$.a', 'NumericEquals': 1, 'Next': 'S'}], 'Default': 'S'},"
                + "'S': {'Type': 'Succeed'}}}")).start();

        assertThat(choice.choices()).hasSize(1);
        assertThat(choice.choices().get(0).get("NumericEquals").intValue()).isEqualTo(1);
        assertThat(choice.defaultState()).contains("S");
    }

    @Test
    void parse_readsPassResultAndFailErrorAndCause() {
        StateMachine machine = accepted(json("{'StartAt': 'P', 'States': {'P': {'Type': 'Pass',"
                + "'Result': [1, 2], 'Next': 'F'}, 'F': {'Type': 'Fail', 'Error': 'Boom', 'CausePath': '$.why'}}}"));

        assertThat(((State.Pass) machine.start()).result().orElseThrow().size()).isEqualTo(2);
        var fail = (State.Fail) machine.state("F").orElseThrow();
        assertThat(fail.error()).contains(new ValueOrPath.Fixed<>("Boom"));
        assertThat(fail.cause()).contains(new ValueOrPath.FromPath<>("$.why"));
        assertThat(fail.type()).isEqualTo("Fail");
    }

    @Test
    void parse_whenADefinitionHasExactlyTheMostStates_acceptsIt() {
        StateMachine machine = accepted(chain(MachineReader.MAX_STATES));

        assertThat(machine.states()).hasSize(10_000);
    }

    @Test
    void parse_whenADefinitionHasOneStateTooMany_namesTheFirstStateOverTheLimit() {
        assertThat(rejected(chain(MachineReader.MAX_STATES + 1)))
                .containsExactly(new Problem("/States/s10000", "is state number 10001; a definition holds at most "
                        + "10000 states, those of Parallel branches and Maps included"));
    }

    @Test
    void parse_countsNestedStatesTowardsTheLimit() {
        String branch = chain(MachineReader.MAX_STATES);
        String outer = json("{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', 'End': true, 'Branches': [")
                + branch + "]}}}";

        assertThat(rejected(outer)).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/States/P/Branches/0/States/s9999"));
    }

    @Test
    void parse_whenTextIsNull_refusesIt() {
        assertThatThrownBy(() -> Definitions.parse((String) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejected_withoutProblems_isRefused() {
        assertThatThrownBy(() -> new Definitions.Rejected(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** A chain of Pass states s0 -> s1 -> ... ending in the last one. */
    static String chain(int length) {
        var text = new StringBuilder("{\"StartAt\": \"s0\", \"States\": {");
        for (int i = 0; i < length; i++) {
            text.append(i == 0 ? "" : ",").append("\"s").append(i).append("\": {\"Type\": \"Pass\", ")
                    .append(i == length - 1 ? "\"End\": true}" : "\"Next\": \"s" + (i + 1) + "\"}");
        }
        return text.append("}}").toString();
    }
}
