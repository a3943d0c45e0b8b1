package dev.gust.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployed schedules and the slots they fired. A slot is recorded under its unique id together with
 * the async invocation it enqueues, in one transaction: each slot fires once, across threads, nodes
 * sharing the store and restarts. Every method that returns has committed what it wrote. Thread-safe.
 */
public interface ScheduleStore {

    /**
     * A schedule as deployed, already checked.
     *
     * @param name unique on the node
     * @param app the app that declares it
     * @param expression cron, rate or at expression
     * @param zone IANA zone name
     * @param targetKind {@code function}, {@code queue}, {@code bus} or {@code workflow}
     * @param targetName the target's name
     * @param catchUp {@code none}, {@code latest} or {@code all}
     * @param input the JSON payload each firing sends, or empty for the slot itself
     * @param createdAt when it was first deployed with this expression and zone; a rate counts from it
     * @param options how a queue or bus target is delivered to
     */
    record Definition(String name, String app, String expression, String zone, String targetKind, String targetName,
            String catchUp, Optional<String> input, Instant createdAt, TargetOptions options) {
        public Definition {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(targetKind, "targetKind");
            Objects.requireNonNull(targetName, "targetName");
            Objects.requireNonNull(catchUp, "catchUp");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** A definition whose target needs no options (a function, or a queue or bus with the defaults). */
        public Definition(String name, String app, String expression, String zone, String targetKind,
                String targetName, String catchUp, Optional<String> input, Instant createdAt) {
            this(name, app, expression, zone, targetKind, targetName, catchUp, input, createdAt, TargetOptions.NONE);
        }
    }

    /**
     * How a schedule delivers to a queue or the bus; empty fields take the defaults.
     *
     * @param group a FIFO queue target's message group (default: the schedule's name)
     * @param source a bus target's CloudEvent {@code source} (default {@code gust.schedules})
     * @param detailType a bus target's CloudEvent {@code type} (default {@code Scheduled Event})
     */
    record TargetOptions(Optional<String> group, Optional<String> source, Optional<String> detailType) {
        /** Every default. */
        public static final TargetOptions NONE = new TargetOptions(Optional.empty(), Optional.empty(), Optional.empty());

        public TargetOptions {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(detailType, "detailType");
        }
    }

    /**
     * Makes {@code schedules} the app's schedules: adds new ones, updates changed ones (keeping the
     * creation time of one whose expression and zone did not change) and removes the app's others.
     * Fired slots are kept, so a schedule removed and added again does not fire a slot twice.
     */
    void replace(String app, List<Definition> schedules);

    /** @return every schedule, by name */
    List<Definition> list();

    /** @return the schedule named {@code name} */
    Optional<Definition> get(String name);

    /** @return the newest slot the schedule fired, if any */
    Optional<Instant> lastFired(String schedule);

    /**
     * Records a slot and enqueues its async invocation in one transaction.
     *
     * @param slotId the slot's unique id, {@code <schedule>@<instant>}
     * @return false, changing nothing, when the slot was already recorded
     */
    boolean fire(String schedule, String slotId, Instant at, AsyncEvent invocation);
}
