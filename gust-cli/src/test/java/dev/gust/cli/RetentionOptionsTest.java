package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gust up --async-retention}: bad values are usage errors that start nothing. */
class RetentionOptionsTest {

    @Test
    void up_withAsyncRetentionBelowOneMinute_isAUsageError_andCreatesNoDataDirectory(@TempDir Path tmp) {
        Path data = tmp.resolve("data");

        Cli r = Cli.run("up", "--async-retention", "30s", "--data", data.toString());

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--async-retention must be at least 1m, was 30s");
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void up_withAsyncRetentionThatIsNotADuration_isAUsageError_namingTheOption(@TempDir Path tmp) {
        Cli r = Cli.run("up", "--async-retention", "a week", "--data", tmp.toString());

        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--async-retention").contains("must be a duration like");
    }

    @Test
    void upHelp_listsAsyncRetention_withItsDefault() {
        assertThat(Cli.run("up", "--help").out()).contains("--async-retention=DURATION")
                .contains("(default: 7d)");
    }
}
