package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @Test
    void version_printsTheVersion_andExitsZero() {
        Cli r = Cli.run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("gust ");
    }

    @Test
    void help_listsEveryCommand() {
        Cli r = Cli.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("up", "demo", "deploy", "invoke", "ls", "logs", "invocations", "usage", "rm",
                "schedules", "GUST_NODE", "--node", "--data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "demo", "deploy", "invoke", "ls", "logs", "invocations", "usage", "rm", "schedules"})
    void help_ofEachCommand_exitsZero_andDescribesIt(String command) {
        Cli r = Cli.run(command, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: gust " + command);
    }

    @Test
    void noCommand_isAUsageError() {
        Cli r = Cli.run();

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Missing command").contains("Usage: gust");
    }

    @Test
    void unknownCommandOrOption_isAUsageError() {
        assertThat(Cli.run("launch").exitCode()).isEqualTo(Main.USAGE);
        Cli r = Cli.run("ls", "--colour");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--colour");
    }

    @Test
    void missingParameter_isAUsageError_namingIt() {
        Cli r = Cli.run("invoke");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("FUNCTION");
    }

    @Test
    void invoke_withDataAndFile_isAUsageError() {
        Cli r = Cli.run("invoke", "hello", "--data", "{}", "--file", "x.json");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("mutually exclusive");
    }

    @Test
    void invoke_withDataThatIsNotJson_isAUsageError_beforeTalkingToANode() {
        Cli r = Cli.run("invoke", "hello", "--data", "{name: Ada");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--data must be JSON");
    }

    @Test
    void invoke_withMissingFile_isAUsageError_namingIt(@TempDir Path dir) {
        Cli r = Cli.run("invoke", "hello", "--file", dir.resolve("nope.json").toString());

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--file").contains("nope.json").contains("does not exist");
    }

    @Test
    void invoke_withFileThatIsNotJson_isAUsageError(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.json"), "not json");

        Cli r = Cli.run("invoke", "hello", "--file", f.toString());

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("must be JSON");
    }

    @Test
    void up_withTooSmallMemoryBudget_isAUsageError_namingTheOption() {
        Cli r = Cli.run("up", "--memory-budget", "64");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--memory-budget must be 128..").contains("was 64");
    }

    @Test
    void up_withNegativePrice_isAUsageError_namingTheOptions() {
        Cli r = Cli.run("up", "--price-per-gb-second", "-1");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--price-per-gb-second").contains("0 or more");
    }

    @Test
    void up_withPortOutOfRange_isAUsageError() {
        Cli r = Cli.run("up", "--http-port", "70000");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--http-port must be 0..65535, was 70000");
    }

    @Test
    void up_withStemCellsOutOfRange_isAUsageError_namingTheOption() {
        Cli tooMany = Cli.run("up", "--stem-cells", "65");
        Cli share = Cli.run("up", "--stem-cell-share", "1.5");
        Cli policy = Cli.run("up", "--keep-alive-policy", "forever");

        assertThat(tooMany.exitCode()).isEqualTo(Main.USAGE);
        assertThat(tooMany.err()).contains("--stem-cells must be 0..64, was 65");
        assertThat(share.exitCode()).isEqualTo(Main.USAGE);
        assertThat(share.err()).contains("--stem-cell-share must be 0..1, was 1.5");
        assertThat(policy.exitCode()).isEqualTo(Main.USAGE);
        assertThat(policy.err()).contains("--keep-alive-policy").contains("FIXED, HYBRID");
    }

    @Test
    void up_withUnknownSandbox_isAUsageError_listingTheChoices() {
        Cli r = Cli.run("up", "--sandbox", "docker");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--sandbox").contains("AUTO, BWRAP, PROCESS");
    }

    @Test
    void up_withBadKeepAlive_isAUsageError_showingTheForm() {
        Cli r = Cli.run("demo", "--keep-alive", "forever");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--keep-alive").contains("like 500ms, 30s, 10m, 1h");
    }

    @Test
    void logs_withBadSince_isAUsageError() {
        Cli r = Cli.run("logs", "hello", "--since", "yesterday");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--since must be a duration like 30s");
    }

    @Test
    void limitsOutOfRange_areUsageErrors() {
        assertThat(Cli.run("logs", "hello", "--limit", "0").err()).contains("--limit must be 1..10000, was 0");
        assertThat(Cli.run("invocations", "--limit", "5000").err()).contains("--limit must be 1..1000, was 5000");
    }

    @Test
    void invocations_withAMalformedCorrelation_isAUsageError_sayingWhatIsAllowed() {
        Cli r = Cli.run("invocations", "--correlation", "has space");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--correlation must be 1..128 characters of A-Z a-z 0-9 . _ : -, was has space");
    }

    @Test
    void invocations_withUnknownStatus_isAUsageError_listingTheStatuses() {
        Cli r = Cli.run("invocations", "--status", "exploded");

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--status must be one of success, error, timeout, throttled, was exploded");
    }

    @Test
    void node_thatIsNotAnHttpUrl_isAUsageError_namingWhereItCameFrom() {
        assertThat(Cli.run("ls", "--node", "ftp://x").err()).contains("--node must be an http(s) URL");
        Cli r = Cli.run(java.util.Map.of("GUST_NODE", "localhost:8081"), "ls");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("GUST_NODE must be an http(s) URL").contains("was localhost:8081");
    }

    @Test
    void deploy_ofMissingDirectory_isAUsageError(@TempDir Path dir) {
        Cli r = Cli.run("deploy", dir.resolve("nope").toString());

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("DIR must be an app directory").contains("does not exist");
    }
}
