package dev.gust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gust queue ...} against a real node. Each test uses its own queues. */
class QueueCommandTest {
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

    private static Cli ok(String... args) {
        Cli r = node.cli(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    @Test
    void createSendLsReceive_roundTrip() {
        ok("queue", "create", "jobs", "--visibility-timeout", "1m");
        ok("queue", "send", "jobs", "{\"n\":1}");

        Cli ls = ok("queue", "ls");
        Cli received = ok("queue", "receive", "jobs", "--max", "10", "--delete");

        assertThat(ls.out()).contains("QUEUE").containsPattern("jobs\\s+1\\s+0\\s+0");
        assertThat(received.out()).contains("\"body\":\"{\\\"n\\\":1}\"");
        assertThat(ok("queue", "receive", "jobs").out()).isEmpty();
    }

    @Test
    void purgeRedriveAndRm_reportWhatTheyDid() {
        ok("queue", "create", "tmp-dlq");
        ok("queue", "create", "tmp", "--dead-letter-queue", "tmp-dlq", "--max-receive-count", "3");
        ok("queue", "send", "tmp", "x");

        assertThat(ok("queue", "purge", "tmp").out()).contains("purged 1 messages");
        assertThat(ok("queue", "redrive", "tmp-dlq").out()).contains("moved 0 messages");
        assertThat(ok("queue", "rm", "tmp").out()).contains("removed queue tmp");
    }

    @Test
    void badInput_printsTheNodesReason_andExitsNonZero() {
        Cli bad = node.cli("queue", "create", "q", "--delay", "20m");
        Cli unknown = node.cli("queue", "send", "missing", "x");

        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("delay");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no queue named missing");
    }
}
