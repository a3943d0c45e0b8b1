package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the CLI writes numbers, times and sizes. */
final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private Formats() {
    }

    /** @return e.g. {@code 12s ago}, {@code 5m ago}, {@code 3h ago}, {@code 2d ago}; {@code never} for null */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return s / 60 + "m ago";
        }
        return s < 86_400 ? s / 3600 + "h ago" : s / 86_400 + "d ago";
    }

    /** @return e.g. {@code 512 B}, {@code 1.5 KB}, {@code 12.0 MB} (powers of 1024) */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KB", "MB", "GB", "TB"};
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** @return dollars with enough digits to see a fraction of a cent, e.g. {@code $0.000042} */
    static String cost(double dollars) {
        return String.format(Locale.ROOT, "$%.6f", dollars);
    }

    /** @return GB-seconds with three decimals */
    static String gbSeconds(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** @return an enum name as the CLI shows it, e.g. {@code keep-alive} for {@code KEEP_ALIVE} */
    static String label(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return fractional milliseconds to a tenth, e.g. {@code 0.1 ms}, {@code 312.5 ms}, {@code 12.3 s} */
    static String preciseMillis(double ms) {
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    /** @return e.g. {@code 12 ms}, {@code 2.5 s} */
    static String millis(long ms) {
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** @return an ISO instant, always to the millisecond so columns line up, e.g. {@code 2026-01-01T10:00:00.120Z}; {@code -} when absent */
    static String time(JsonNode iso) {
        Instant t = instant(iso);
        return t == null ? "-" : TIME.format(t);
    }

    /** @return the instant in a JSON text node, or null when absent, null or unreadable */
    static Instant instant(JsonNode iso) {
        if (iso == null || !iso.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(iso.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @return the text values of a JSON array, or empty */
    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Invocation ids begin with 12 hex digits of time, so ids made close together share a prefix;
     * their last 8 digits tell them apart.
     *
     * @return a short form of an invocation id, or {@code -}
     */
    static String shortId(String id) {
        if (id == null || id.isEmpty()) {
            return "-";
        }
        return id.length() <= 8 ? id : id.substring(id.length() - 8);
    }

    /** @return the text, or null when the node is missing, null or empty */
    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isEmpty() ? null : node.asText();
    }
}
