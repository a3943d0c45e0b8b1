package dev.gust.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.store.QueueMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a trigger keeps after a partial batch failure, and the event it hands a function. */
class QueueTriggersTest {
    private static final Instant SENT = Instant.parse("2026-01-01T00:00:00Z");

    private static QueueMessage fifo(String id, String group, long seq) {
        return new QueueMessage(id, "q.fifo", "body-" + id, Map.of(), SENT, 1, Optional.of("h-" + id),
                Optional.empty(), Optional.empty(), Optional.of(new QueueMessage.Fifo(group, "d-" + id, seq)),
                Optional.empty(), Optional.empty());
    }

    private static QueueMessage standard(String id) {
        return new QueueMessage(id, "q", "body-" + id, Map.of(), SENT, 1, Optional.of("h-" + id), Optional.empty(),
                Optional.empty());
    }

    @Test
    void kept_inAFifoBatch_isTheFailedMessage_andEveryLaterOneOfItsGroup() {
        List<QueueMessage> batch = List.of(fifo("a1", "a", 1), fifo("b1", "b", 2), fifo("a2", "a", 3),
                fifo("a3", "a", 4), fifo("b2", "b", 5));

        Map<String, String> kept = QueueTriggers.kept(batch, Map.of("a2", "listed in batchItemFailures"));

        assertThat(kept.keySet()).containsExactly("a2", "a3");
        assertThat(kept.get("a3")).contains("behind message a2", "group a");
    }

    @Test
    void kept_inAStandardBatch_isOnlyTheFailedMessages() {
        List<QueueMessage> batch = List.of(standard("m1"), standard("m2"), standard("m3"));

        assertThat(QueueTriggers.kept(batch, Map.of("m2", "listed in batchItemFailures")).keySet()).containsExactly("m2");
    }

    @Test
    void failures_keepTheFunctionsOwnReason_whenAnEntryGivesOne() {
        byte[] answer = ("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\",\"reason\":\" out of stock \"},"
                + "{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\",\"reason\":\"" + "x".repeat(2000) + "\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Map<String, String> failed = QueueTriggers.failures(answer);

        assertThat(failed).containsEntry("m1", "listed in batchItemFailures: out of stock")
                .containsEntry("m2", "listed in batchItemFailures");
        assertThat(failed.get("m3")).hasSize("listed in batchItemFailures: ".length() + QueueTriggers.MAX_REASON + 1);
    }

    @Test
    void failures_ofAnAnswerThatIsNotJson_failNothing() {
        assertThat(QueueTriggers.failures("oops".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
        assertThat(QueueTriggers.failures("null".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void event_ofAFifoMessage_carriesGroupSequenceAndDeduplicationIdAsLambdaDoes() throws Exception {
        JsonNode record = new ObjectMapper().readTree(QueueTriggers.event(List.of(fifo("a1", "a", 42))))
                .path("Records").get(0);

        assertThat(record.path("attributes").path("MessageGroupId").asText()).isEqualTo("a");
        assertThat(record.path("attributes").path("SequenceNumber").asText()).isEqualTo("42");
        assertThat(record.path("attributes").path("MessageDeduplicationId").asText()).isEqualTo("d-a1");
    }

    @Test
    void event_ofAStandardMessage_hasNoFifoAttributes() throws Exception {
        JsonNode attributes = new ObjectMapper().readTree(QueueTriggers.event(List.of(standard("m1"))))
                .path("Records").get(0).path("attributes");

        assertThat(attributes.has("MessageGroupId")).isFalse();
        assertThat(attributes.has("SequenceNumber")).isFalse();
    }
}
