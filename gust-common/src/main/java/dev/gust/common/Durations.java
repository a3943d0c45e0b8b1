package dev.gust.common;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads durations written the way people write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @param text e.g. {@code "30s"}; a bare number means seconds
     * @return the duration, or empty when the text is not one
     */
    public static Optional<Duration> parse(String text) {
        String t = text.trim();
        if (t.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
        }
        var m = FORM.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /**
     * @param d a duration
     * @return its shortest exact form in the units {@link #parse} reads
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
