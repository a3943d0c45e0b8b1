package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the node's cold-start note from an invocation's log lines. */
record ColdStartLine(double jvmMs, double classLoadMs, double initMs) {
    private static final Pattern NOTE = Pattern.compile(
            "cold start \\d+ ms \\([^;]*; sandbox [\\d.]+ ms, jvm ([\\d.]+) ms, class load ([\\d.]+) ms, init ([\\d.]+) ms\\)");

    static Optional<ColdStartLine> find(JsonNode logs) {
        for (JsonNode line : logs.path("lines")) {
            Matcher m = NOTE.matcher(line.path("message").asText());
            if (m.find()) {
                return Optional.of(new ColdStartLine(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))));
            }
        }
        return Optional.empty();
    }
}
