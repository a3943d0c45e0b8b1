package dev.gust.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.store.QueueMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

        Map<String, String> kept = QueueTriggers.kept(batch, Set.of("a2"));

        assertThat(kept.keySet()).containsExactly("a2", "a3");
        assertThat(kept.get("a3")).contains("behind message a2", "group a");
    }

    @Test
    void kept_inAStandardBatch_isOnlyTheFailedMessages() {
        List<QueueMessage> batch = List.of(standard("m1"), standard("m2"), standard("m3"));

        assertThat(QueueTriggers.kept(batch, Set.of("m2")).keySet()).containsExactly("m2");
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
