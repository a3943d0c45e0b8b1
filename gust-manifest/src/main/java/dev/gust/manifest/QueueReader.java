package dev.gust.manifest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code queues}: a mapping of queue names to their attributes. */
final class QueueReader {
    static final List<String> KEYS = List.of("visibility-timeout", "delay", "retention", "max-message-bytes",
            "dead-letter-queue", "max-receive-count", "trigger", "content-based-deduplication");
    static final List<String> TRIGGER_KEYS = List.of("function", "batch-size", "batching-window", "max-concurrency");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");
    private static final String NAME_RULE = "1..80 letters, digits, - or _, ending in .fifo for a FIFO queue"
            + " (at most 80 characters with it)";

    private QueueReader() {
    }

    static Optional<Map<String, QueueManifest>> read(Field f) {
        return f.mapping("a mapping of queue names to their attributes").flatMap(m -> {
            Keys.reportRepeated(f, m);
            Map<String, QueueManifest> queues = new LinkedHashMap<>();
            m.entries().forEach((name, entry) -> queue(f.key(name, entry.value()), name)
                    .ifPresent(q -> queues.put(name, q)));
            return Optional.of(queues);
        });
    }

    private static Optional<QueueManifest> queue(Field f, String name) {
        if (!NAME.matcher(name).matches()) {
            return f.fail("a queue name must be " + NAME_RULE + ", was " + Texts.quote(name));
        }
        if (f.node() instanceof YamlNode.Scalar s && s.isEmpty()) {
            return Optional.of(new QueueManifest(name, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return f.mapping("a mapping of " + String.join(", ", KEYS)).flatMap(m -> attributes(new Keys(f, m, KEYS), f, name));
    }

    private static Optional<QueueManifest> attributes(Keys keys, Field f, String name) {
        var visibility = keys.optional("visibility-timeout", Optional.<Duration>empty(),
                present(Rules.duration(Duration.ZERO, Duration.ofHours(12))));
        var delay = keys.optional("delay", Optional.<Duration>empty(),
                present(Rules.duration(Duration.ZERO, Duration.ofMinutes(15))));
        var retention = keys.optional("retention", Optional.<Duration>empty(),
                present(Rules.duration(Duration.ofSeconds(60), Duration.ofDays(14))));
        var bytes = keys.optional("max-message-bytes", Optional.<Integer>empty(),
                present(Rules.wholeNumber(1, 262_144, " bytes")));
        var dlq = keys.optional("dead-letter-queue", Optional.<String>empty(), present(g -> deadLetter(g, name)));
        var receives = keys.optional("max-receive-count", Optional.<Integer>empty(),
                present(Rules.wholeNumber(1, 1000, "")));
        var trigger = keys.optional("trigger", Optional.<QueueManifest.Trigger>empty(), present(QueueReader::trigger));
        var contentBased = keys.optional("content-based-deduplication", false, g -> contentBased(g, name));
        if (visibility.isEmpty() || delay.isEmpty() || retention.isEmpty() || bytes.isEmpty() || dlq.isEmpty()
                || receives.isEmpty() || trigger.isEmpty() || contentBased.isEmpty()) {
            return Optional.empty();
        }
        if (dlq.get().isPresent() != receives.get().isPresent()) {
            return f.fail("dead-letter-queue and max-receive-count go together: set both or neither");
        }
        return Optional.of(new QueueManifest(name, visibility.get(), delay.get(), retention.get(), bytes.get(),
                dlq.get(), receives.get(), trigger.get(), contentBased.get()));
    }

    private static Optional<QueueManifest.Trigger> trigger(Field f) {
        return f.mapping("a mapping of " + String.join(", ", TRIGGER_KEYS)).flatMap(m -> {
            Keys keys = new Keys(f, m, TRIGGER_KEYS);
            var function = keys.required("function", "the function that consumes the queue", Rules::name);
            var size = keys.optional("batch-size", 10, Rules.wholeNumber(1, 10, ""));
            var window = keys.optional("batching-window", Duration.ZERO,
                    Rules.duration(Duration.ZERO, Duration.ofSeconds(20)));
            var concurrency = keys.optional("max-concurrency", 5, Rules.wholeNumber(2, 100, ""));
            if (function.isEmpty() || size.isEmpty() || window.isEmpty() || concurrency.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new QueueManifest.Trigger(function.get(), size.get(), window.get(), concurrency.get()));
        });
    }

    private static Optional<Boolean> contentBased(Field f, String queue) {
        return Rules.oneOf(List.of("true", "false")).apply(f).map(Boolean::parseBoolean).flatMap(on ->
                on && !isFifo(queue) ? f.fail("only FIFO queues deduplicate; name the queue " + queue + ".fifo")
                        : Optional.of(on));
    }

    private static Optional<String> deadLetter(Field f, String self) {
        return f.text("a queue name").flatMap(text -> {
            if (!NAME.matcher(text).matches()) {
                return f.fail("must be " + NAME_RULE + ", was " + Texts.quote(text));
            }
            if (isFifo(text) != isFifo(self)) {
                return f.fail(isFifo(self) ? "the dead-letter queue of a FIFO queue must be FIFO (a .fifo name),"
                        + " was " + Texts.quote(text) : "the dead-letter queue of a standard queue must be standard"
                        + " (not a .fifo name), was " + Texts.quote(text));
            }
            return text.equals(self) ? f.fail("must name another queue, not " + self + " itself") : Optional.of(text);
        });
    }

    private static boolean isFifo(String queue) {
        return queue.endsWith(".fifo");
    }

    private static <T> java.util.function.Function<Field, Optional<Optional<T>>> present(
            java.util.function.Function<Field, Optional<T>> reader) {
        return g -> reader.apply(g).map(Optional::of);
    }
}
