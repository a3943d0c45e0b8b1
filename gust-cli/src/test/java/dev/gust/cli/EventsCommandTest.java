package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gust events put} and {@code gust events ls} against a real node. */
class EventsCommandTest {
    @TempDir
    static Path data;
    static RealNode node;

    @BeforeAll
    static void start() {
        node = RealNode.start(data);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void put_printsTheAcceptedId_andLsShowsTheArchivedEvent() {
        Cli put = node.cli("events", "put", "--source", "/orders", "--type", "order.paid", "--id", "ev-42",
                "--data", "{\"order\":42}");

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.out()).isEqualTo("ev-42\n");
        Cli ls = node.cli("events", "ls", "--type", "order.paid");
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("\"id\":\"ev-42\"", "\"data\":{\"order\":42}");
    }

    @Test
    void put_withDataThatIsNotJson_isAUsageErrorAndPublishesNothing() {
        Cli put = node.cli("events", "put", "--source", "/orders", "--type", "order.bad", "--data", "{oops");

        assertThat(put.exitCode()).isEqualTo(Main.USAGE);
        assertThat(put.err()).contains("--data must be JSON");
        assertThat(node.cli("events", "ls", "--type", "order.bad").out()).isEmpty();
    }

    @Test
    void put_withAnInvalidSource_printsTheNodesReason() {
        Cli put = node.cli("events", "put", "--source", "//", "--type", "order.x");

        assertThat(put.exitCode()).isEqualTo(Main.FAILED);
        assertThat(put.err()).contains("source");
    }
}
