package dev.gust.cli;

import dev.gust.common.Durations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of option values that picocli's types do not cover; each failure names the option. */
final class Limits {
    private Limits() {
    }

    static void check(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be " + min + ".." + max + ", was " + value);
        }
    }

    /** @param value a duration like {@code 10m} or an ISO instant like {@code 2026-01-01T00:00:00Z} */
    static String since(CommandSpec spec, String value) {
        if (value == null || Durations.parse(value).isPresent()) {
            return value == null ? null : value.trim();
        }
        try {
            return Instant.parse(value.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(),
                    "--since must be a duration like 30s, 10m, 1h, 2d or an instant like 2026-01-01T00:00:00Z, was "
                            + value);
        }
    }
}
