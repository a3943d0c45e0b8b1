package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** How Choice rules compare values: numbers exactly, RFC 3339 timestamps as instants, StringMatches patterns. */
final class ChoiceValues {
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private ChoiceValues() {
    }

    /** @return the instant, when {@code text} is an RFC 3339 timestamp (uppercase T and Z, as AWS requires) */
    static Optional<Instant> timestamp(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a well-shaped but impossible date, e.g. month 13
        }
    }

    static Optional<Instant> timestamp(JsonNode value) {
        return value.isTextual() ? timestamp(value.textValue()) : Optional.empty();
    }

    /**
     * @return the pattern of StringMatches: {@code *} matches any run of characters, {@code \*} a
     *     star and {@code \\} a backslash
     * @throws IllegalArgumentException for a backslash before anything else
     */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length() || (pattern.charAt(i + 1) != '*' && pattern.charAt(i + 1) != '\\')) {
                    throw new IllegalArgumentException("a backslash in a StringMatches pattern escapes only * or \\ (offset " + i + ")");
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
