package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static dev.gust.manifest.TestApps.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowKeysTest {
    private static final String ORDERS = """
            {"StartAt": "Charge", "States": {
              "Charge": {"Type": "Task", "Resource": "gust:function:hello", "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void app() {
        TestApps.app(dir);
    }

    private static String withWorkflows(String... lines) {
        return hello() + "workflows:\n" + String.join("\n", lines) + "\n";
    }

    private List<String> problemsOf(String... lines) {
        return problems(Manifests.parse(withWorkflows(lines), dir));
    }

    @Test
    void workflows_whenAbsent_areNone() {
        assertThat(valid(Manifests.parse(hello(), dir)).workflows()).isEmpty();
    }

    @Test
    void workflows_readTheirDefinitionFiles_inFileOrder() {
        write(dir.resolve("workflows/orders.asl.json"), ORDERS);
        write(dir.resolve("refunds.json"), ORDERS);

        var workflows = valid(Manifests.parse(withWorkflows("  orders:", "    definition: workflows/orders.asl.json",
                "  refunds: {definition: refunds.json}"), dir)).workflows();

        assertThat(workflows.keySet()).containsExactly("orders", "refunds");
        var orders = workflows.get("orders");
        assertThat(orders.file()).isEqualTo(dir.resolve("workflows/orders.asl.json"));
        assertThat(orders.definition()).isEqualTo(ORDERS);
        assertThat(orders.machine().startAt()).isEqualTo("Charge");
    }

    @Test
    void definition_withProblems_reportsEachAtItsPathAndPointer() {
        write(dir.resolve("bad.asl.json"), """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "B"},
                  "C": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true}}}
                """);

        assertThat(problemsOf("  orders: {definition: bad.asl.json}")).containsExactly(
                "workflows.orders.definition/States/C/Resource: AWS ARNs do not name Gust resources "
                        + "(\"arn:aws:lambda:us-east-1:1:function:f\"); a resource is gust:function:NAME, "
                        + "gust:queue:NAME or gust:events (each optionally ending in .waitForTaskToken), "
                        + "gust:workflow:NAME or gust:workflow:NAME.sync",
                "workflows.orders.definition/States/A/Next: names no state of this machine: \"B\"; transitions stay "
                        + "inside their own machine, whose states are: A, C",
                "workflows.orders.definition/States/C: is not reachable from StartAt \"A\"; no Next, Default, "
                        + "Choices or Catch leads to it");
    }

    @Test
    void definition_thatIsNotJson_isReportedAtTheDefinitionKey() {
        write(dir.resolve("broken.json"), "{\"StartAt\": ");

        assertThat(problemsOf("  orders: {definition: broken.json}")).singleElement()
                .asString().startsWith("workflows.orders.definition: is not JSON");
    }

    @Test
    void definition_missingOrOutsideTheApp_isReported() throws IOException {
        Path outside = Files.createTempFile("outside", ".json");
        try {
            Files.writeString(outside, ORDERS);
            Files.createSymbolicLink(dir.resolve("link.json"), outside);

            assertThat(problemsOf("  a: {definition: missing.json}", "  b: {definition: ../x.json}",
                    "  c: {definition: " + outside + "}", "  d: {definition: link.json}", "  e: {}"))
                    .containsExactly(
                            "workflows.a.definition: not found: missing.json (a file relative to the directory of "
                                    + "gust.yaml)",
                            "workflows.b.definition: must stay inside the app directory, was \"../x.json\"",
                            "workflows.c.definition: must be a path relative to the app directory, was \""
                                    + outside + "\"",
                            "workflows.d.definition: must stay inside the app directory, but link.json leads out "
                                    + "through a symbolic link",
                            "workflows.e.definition: is required: the path of an Amazon States Language file, "
                                    + "relative to the app directory, like workflows/orders.asl.json");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void workflows_withBadNamesOrKeys_areReported() {
        write(dir.resolve("orders.json"), ORDERS);

        assertThat(problemsOf("  Orders: {definition: orders.json}", "  ok: {definition: orders.json, timeout: 5}"))
                .containsExactly(
                        "workflows.Orders: a workflow name must be lower-case letters, digits and dashes, "
                                + "starting with a letter, at most 63 characters, was \"Orders\"",
                        "workflows.ok.timeout: unknown key; allowed: definition");
    }

    @Test
    void definition_tooLarge_isRefusedWithItsSize() {
        write(dir.resolve("big.json"), " ".repeat(WorkflowReader.MAX_DEFINITION_BYTES + 1));

        assertThat(problemsOf("  big: {definition: big.json}")).containsExactly(
                "workflows.big.definition: the definition is 1048577 bytes; at most 1048576 are allowed");
    }
}
