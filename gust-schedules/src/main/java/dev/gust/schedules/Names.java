package dev.gust.schedules;

import java.util.Optional;

/** The one naming rule for schedules and their targets. */
final class Names {
    private Names() {}

    /** @return the problem with {@code name} under {@code field}, if any */
    static Optional<Problem> problem(String field, String name) {
        if (name != null && Target.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(field,
                "must be lower-case letters, digits and dashes, starting with a letter, at most 63 characters; got '"
                        + name + "'"));
    }

    static void require(String field, String name) {
        problem(field, name).ifPresent(p -> {
            throw new ScheduleException(p.toString());
        });
    }

    /** @return the problem with {@code name} as a queue's name under {@code field}, if any */
    static Optional<Problem> queueProblem(String field, String name) {
        if (name != null && Target.QUEUE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Problem(field, "must be a queue name: 1..80 letters, digits, - or _ (a FIFO queue's"
                + " ending in .fifo); got '" + name + "'"));
    }

    static void requireQueue(String field, String name) {
        queueProblem(field, name).ifPresent(p -> {
            throw new ScheduleException(p.toString());
        });
    }
}
