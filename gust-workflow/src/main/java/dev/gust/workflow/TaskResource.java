package dev.gust.workflow;

import java.util.Objects;

/**
 * What a Task state runs, named by its {@code Resource}. Gust names its own resources instead of
 * AWS ARNs:
 * <ul>
 *   <li>{@code gust:function:NAME} invokes a function; the result is its response;</li>
 *   <li>{@code gust:queue:NAME} sends the effective input as a message to a queue;</li>
 *   <li>{@code gust:events} publishes the effective input to the event bus;</li>
 *   <li>{@code gust:workflow:NAME} starts an execution of another workflow, and
 *       {@code gust:workflow:NAME.sync} also waits for its output.</li>
 * </ul>
 * Function, queue and events resources take the suffix {@code .waitForTaskToken}: the task then
 * waits until someone reports its task token with SendTaskSuccess or SendTaskFailure.
 */
public sealed interface TaskResource permits TaskResource.Function, TaskResource.Queue, TaskResource.Events,
        TaskResource.Workflow {

    /** What every resource looks like, for messages. */
    String ALLOWED = "gust:function:NAME, gust:queue:NAME or gust:events (each optionally ending in "
            + ".waitForTaskToken), gust:workflow:NAME or gust:workflow:NAME.sync";

    /** @return whether the task waits for its task token to be reported */
    boolean waitForTaskToken();

    /** @return the resource as written */
    String text();

    /** @param name the function's name */
    record Function(String name, boolean waitForTaskToken) implements TaskResource {
        public Function {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return "gust:function:" + name + (waitForTaskToken ? TOKEN : "");
        }
    }

    /** @param name the queue's name */
    record Queue(String name, boolean waitForTaskToken) implements TaskResource {
        public Queue {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return "gust:queue:" + name + (waitForTaskToken ? TOKEN : "");
        }
    }

    /** The event bus. */
    record Events(boolean waitForTaskToken) implements TaskResource {
        @Override
        public String text() {
            return "gust:events" + (waitForTaskToken ? TOKEN : "");
        }
    }

    /**
     * @param name the workflow's name
     * @param sync whether the task waits for the nested execution to finish (its output is the result)
     */
    record Workflow(String name, boolean sync) implements TaskResource {
        public Workflow {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean waitForTaskToken() {
            return false;
        }

        @Override
        public String text() {
            return "gust:workflow:" + name + (sync ? SYNC : "");
        }
    }

    /**
     * @param text a {@code Resource} as written
     * @return the resource, or what is wrong with the text
     */
    static Parsed parse(String text) {
        return TaskResources.parse(text);
    }

    /** The outcome of {@link #parse}: a resource, or a message saying what is allowed. */
    sealed interface Parsed permits Valid, Invalid {
    }

    /** @param resource the parsed resource */
    record Valid(TaskResource resource) implements Parsed {
    }

    /** @param message what is wrong and what is allowed */
    record Invalid(String message) implements Parsed {
    }

    /** The suffix of a callback task's resource. */
    String TOKEN = ".waitForTaskToken";

    /** The suffix of a workflow resource that waits for the nested execution. */
    String SYNC = ".sync";
}
