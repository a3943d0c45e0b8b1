package dev.gust.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code schedules:}, checked with {@code dev.gust.schedules.Schedules.define}.
 *
 * @param name the schedule's name
 * @param expression cron, rate or at expression
 * @param zone IANA zone name ({@code UTC} when not written)
 * @param targetKind {@code function}, {@code queue}, {@code bus} or {@code workflow}
 * @param targetName the target's name (the bus is {@value #BUS})
 * @param catchUp {@code none}, {@code latest} or {@code all}
 * @param input the JSON each firing sends, or empty to send the slot
 * @param group a FIFO queue target's message group, when declared
 * @param source a bus target's CloudEvent {@code source}, when declared
 * @param detailType a bus target's CloudEvent {@code type}, when declared
 */
public record ScheduleManifest(String name, String expression, String zone, String targetKind, String targetName,
        String catchUp, Optional<String> input, Optional<String> group, Optional<String> source,
        Optional<String> detailType) {
    /** The name of the node's one event bus. */
    public static final String BUS = "default";

    /** A schedule whose target takes no options. */
    public ScheduleManifest(String name, String expression, String zone, String targetKind, String targetName,
            String catchUp, Optional<String> input) {
        this(name, expression, zone, targetKind, targetName, catchUp, input, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public ScheduleManifest {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(targetKind, "targetKind");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(catchUp, "catchUp");
        Objects.requireNonNull(input, "input");
    }
}
