package dev.gust.queue;

import dev.gust.common.Durations;
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

    private Validation() {
    }

    static String name(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw QueueException.invalid(field + " is required: 1..80 letters, digits, - or _");
        }
        if (name.endsWith(".fifo")) {
            throw QueueException.invalid(field + " '" + name + "': FIFO queues (.fifo) are not supported yet;"
                    + " use a standard queue name");
        }
        if (!NAME.matcher(name).matches()) {
            throw QueueException.invalid(field + " '" + name + "' is not allowed: 1..80 letters, digits, - or _");
        }
        return name;
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
