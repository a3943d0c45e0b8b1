package dev.gust.store;

/**
 * All durable state of a node. Implementations are thread-safe; every method that returns has
 * committed what it wrote.
 */
public interface Store extends AutoCloseable {

    /** @return deployed functions and their immutable versions */
    FunctionStore functions();

    /** @return invocation records */
    InvocationStore invocations();

    /** @return function log lines */
    LogStore logs();

    /** @return durable async invocations */
    default AsyncInvocationStore asyncInvocations() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no async invocations");
    }

    /** @return idempotency keys and the responses they answer with */
    default IdempotencyStore idempotency() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no idempotency keys");
    }

    /** @return deployed schedules and the slots they fired */
    default ScheduleStore schedules() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no schedules");
    }

    /** @return durable queues and their messages */
    default QueueStore queues() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no queues");
    }

    /** @return the event archive and deployed rules */
    default EventStore events() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no events");
    }

    /** @return what invocations asked the platform to do while they ran */
    default ChildWorkStore childWork() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no child work");
    }

    /** @return deployed workflows, their executions, history, timers and task tokens */
    default WorkflowStore workflows() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no workflows");
    }

    /** Waits for buffered writes (records, logs) to be committed, then releases the database. */
    @Override
    void close();
}
