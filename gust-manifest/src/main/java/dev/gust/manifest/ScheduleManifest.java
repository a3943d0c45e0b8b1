package dev.gust.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code schedules:}, checked with {@code dev.gust.schedules.Schedules.define}.
 *
 * @param name the schedule's name
 * @param expression cron, rate or at expression
 * @param zone IANA zone name ({@code UTC} when not written)
 * @param targetKind {@code function} (queues and the bus are refused until they exist)
 * @param targetName the target's name
 * @param catchUp {@code none}, {@code latest} or {@code all}
 * @param input the JSON each firing sends, or empty to send the slot
 */
public record ScheduleManifest(String name, String expression, String zone, String targetKind, String targetName,
        String catchUp, Optional<String> input) {
    public ScheduleManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(targetKind, "targetKind");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(catchUp, "catchUp");
        Objects.requireNonNull(input, "input");
    }
}
