package dev.gust.schedules;

import java.time.Instant;
import java.util.Objects;

/**
 * A named schedule, checked. Make one from user input with
 * {@link Schedules#define(String, String, String, String, String, String, Instant)}.
 *
 * @param name the schedule's name, same rule as function names
 * @param expression when it fires; a rate is anchored at {@code createdAt}
 * @param target what it fires into
 * @param catchUp what happens to slots missed while the node was down
 * @param createdAt when it was created; no slot at or before it fires
 */
public record Schedule(String name, ScheduleExpression expression, Target target, CatchUp catchUp, Instant createdAt) {
    public Schedule {
        Names.require("name", name);
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(catchUp, "catchUp");
        Objects.requireNonNull(createdAt, "createdAt");
        expression = expression.anchoredAt(createdAt);
    }

    /** @return the slot of this schedule at {@code at} */
    public Slot slot(Instant at) {
        return new Slot(name, at);
    }
}
