package dev.gust.manifest;

import dev.gust.common.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Readers of the manifest's scalar values; each problem says what is allowed and what was written. */
final class Rules {
    static final String NAME_RULE =
            "lower-case letters, digits and dashes, starting with a letter, at most 63 characters";
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    private static final String IDENT = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern HANDLER = Pattern.compile(IDENT + "(\\." + IDENT + ")*(::" + IDENT + ")?");

    private Rules() {
    }

    /** Queue names as queues take them; a {@code .fifo} suffix names a FIFO queue. */
    static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");
    static final String QUEUE_NAME_RULE = "1..80 letters, digits, - or _ (a FIFO queue's ending in .fifo)";

    /** The name of a queue a target sends to. */
    static Optional<String> queueName(Field f) {
        return f.text("a queue name").flatMap(text -> QUEUE_NAME.matcher(text).matches()
                ? Optional.of(text)
                : f.fail("must be a queue name: " + QUEUE_NAME_RULE + ", was " + Texts.quote(text)));
    }

    /** An app or function name. */
    static Optional<String> name(Field f) {
        return f.text("a name").flatMap(text -> isName(text)
                ? Optional.of(text)
                : f.fail(notAName(f.node().describe())));
    }

    static boolean isName(String text) {
        return ManifestLimits.NAME.matcher(text).matches();
    }

    /** @param shown the bad name as messages show it */
    static String notAName(String shown) {
        return "must be " + NAME_RULE + ", was " + shown;
    }

    /** @return a reader of one of {@code allowed} */
    static Function<Field, Optional<String>> oneOf(List<String> allowed) {
        String rule = "one of: " + String.join(", ", allowed);
        return f -> f.text(rule).flatMap(text -> allowed.contains(text)
                ? Optional.of(text)
                : f.fail("must be " + rule + ", was " + f.node().describe()));
    }

    static Optional<String> handler(Field f) {
        String rule = "a Java class name, optionally with ::method (like com.example.Hello::handle)";
        return f.text(rule).flatMap(text -> HANDLER.matcher(text).matches()
                ? Optional.of(text)
                : f.fail("must be " + rule + ", was " + Texts.quote(text)));
    }

    /** @param unit e.g. {@code " MB"}, or empty @return a reader of a whole number in {@code min..max} */
    static Function<Field, Optional<Integer>> wholeNumber(int min, int max, String unit) {
        return f -> wholeNumber(f, min, max, "must be " + min + ".." + max + unit, unit);
    }

    /** @param range the rule for a number out of range, e.g. {@code must be 0..10 (at most max)} */
    static Optional<Integer> wholeNumber(Field f, int min, int max, String range, String unit) {
        String what = "a whole number" + (unit.isEmpty() ? "" : " of" + unit);
        return f.text(what).flatMap(text -> {
            if (!WHOLE.matcher(text).matches()) {
                return f.mismatch(what);
            }
            var value = new BigInteger(text);
            boolean inRange = value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0;
            return inRange ? Optional.of(value.intValueExact()) : f.fail(range + ", was " + text);
        });
    }

    /** @return a reader of a duration in {@code min..max} */
    static Function<Field, Optional<Duration>> duration(Duration min, Duration max) {
        String what = "a duration like 500ms, 30s, 2m or a number of seconds";
        String range = "must be " + Durations.format(min) + ".." + Durations.format(max);
        return f -> f.text(what).flatMap(text -> Durations.parse(text)
                .map(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0
                        ? Optional.of(d)
                        : f.<Duration>fail(range + ", was " + text))
                .orElseGet(() -> f.mismatch(what)));
    }
}
