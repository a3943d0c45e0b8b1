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

        assertThat(ls.out()).contains("QUEUE").containsPattern("jobs\\s+standard\\s+1\\s+0\\s+0");
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

    @Test
    void fifoQueue_deduplicatesByIdOrContent_andReceivesGroupAndSequence() {
        assertThat(ok("queue", "create", "orders.fifo", "--content-based-deduplication").out())
                .contains("fifo", "content-based deduplication");
        String first = ok("queue", "send", "orders.fifo", "--group", "g1", "--dedup-id", "x", "one").out().trim();
        String again = ok("queue", "send", "orders.fifo", "--group", "g1", "--dedup-id", "x", "two").out().trim();
        ok("queue", "send", "orders.fifo", "--group", "g1", "three");
        ok("queue", "send", "orders.fifo", "--group", "g1", "three");

        Cli received = ok("queue", "receive", "orders.fifo", "--max", "10", "--delete");

        assertThat(again).isEqualTo(first).matches("\\S+ \\d+");
        assertThat(received.out().lines()).hasSize(2);
        assertThat(received.out()).contains("\"body\":\"one\"", "\"body\":\"three\"", "\"groupId\":\"g1\"",
                "\"sequenceNumber\"").doesNotContain("\"body\":\"two\"");
    }

    @Test
    void fifoSend_withoutAGroup_isRefusedNamingTheField() {
        ok("queue", "create", "strict.fifo");

        Cli noGroup = node.cli("queue", "send", "strict.fifo", "x");
        Cli standardWithGroup = node.cli("queue", "send", "jobs-2", "--group", "g", "x");

        assertThat(noGroup.exitCode()).isNotZero();
        assertThat(noGroup.err()).contains("groupId is required");
        assertThat(standardWithGroup.exitCode()).isNotZero();
    }
}
