package dev.gust.queue;

import dev.gust.common.CorrelationIds;
import dev.gust.common.Durations;
import dev.gust.common.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** Range checks with messages that name the field and what is allowed. Stateless. */
final class Validation {
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration MIN_RETENTION = Duration.ofSeconds(60);
    static final Duration MAX_RETENTION = Duration.ofDays(14);
    static final int MAX_RECEIVE_COUNT = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");
    private static final Pattern FIFO_ID = Pattern.compile("[!-~]{1,128}");
    static final String NAME_RULE = "1..80 letters, digits, - or _; a FIFO queue's name ends in .fifo"
            + " (at most 80 characters with it)";

    private Validation() {
    }

    static String name(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw QueueException.invalid(field + " is required: " + NAME_RULE);
        }
        if (!NAME.matcher(name).matches() && !FIFO_NAME.matcher(name).matches()) {
            throw QueueException.invalid(field + " '" + name + "' is not allowed: " + NAME_RULE);
        }
        return name;
    }

    /** A FIFO message's group or deduplication id: SQS's 1..128 printable ASCII characters without space. */
    static String messageId(String field, String id) {
        if (!FIFO_ID.matcher(id).matches()) {
            throw QueueException.invalid(field + " '" + id + "' is not allowed: 1..128 letters, digits or"
                    + " punctuation (!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~), no spaces");
        }
        return id;
    }

    static String traceparent(String value) {
        if (TraceContext.parse(value).isEmpty()) {
            throw QueueException.invalid("traceparent '" + value + "' is not a W3C trace context:"
                    + " 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>");
        }
        return value;
    }

    static String correlationId(String value) {
        if (!CorrelationIds.isValid(value)) {
            throw QueueException.invalid("correlationId '" + value + "' is not allowed: 1.."
                    + CorrelationIds.MAX_LENGTH + " letters, digits, ., _, : or -");
        }
        return value;
    }

    static Duration range(String field, Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw QueueException.invalid(field + " " + Durations.format(d) + " is out of range: "
                    + Durations.format(min) + ".." + Durations.format(max));
        }
        return d;
    }

    static int range(String field, int n, int min, int max) {
        if (n < min || n > max) {
            throw QueueException.invalid(field + " " + n + " is out of range: " + min + ".." + max);
        }
        return n;
    }

    /** SQS counts the body and the attributes' names and values against the limit. */
    static void size(String body, Map<String, String> attributes, int max) {
        if (body == null || body.isEmpty()) {
            throw QueueException.invalid("body is required and may not be empty");
        }
        long size = utf8(body);
        for (var e : attributes.entrySet()) {
            size += utf8(e.getKey()) + utf8(e.getValue());
        }
        if (size > max) {
            throw new QueueException(QueueException.Kind.TOO_LARGE, "message of " + size
                    + " bytes (body and attributes) exceeds the queue's maxMessageBytes of " + max);
        }
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
