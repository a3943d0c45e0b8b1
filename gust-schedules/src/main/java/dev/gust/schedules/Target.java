package dev.gust.schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a schedule fires into: a function, a queue, the bus or a workflow. Delivering to it is the
 * node's schedule loop's job. Names follow the manifest's rule for names ({@value #NAME_RULE}).
 */
public sealed interface Target permits Target.Function, Target.Queue, Target.Bus, Target.Workflow {
    /** Same rule as app and function names in gust.yaml. */
    String NAME_RULE = "[a-z][a-z0-9-]{0,62}";
    Pattern NAME = Pattern.compile(NAME_RULE);
    /** Queue names as queues take them: letters, digits, - and _, and a FIFO queue's .fifo ending. */
    Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");

    /** @return the kind as written in a definition: {@code function}, {@code queue}, {@code bus} or {@code workflow} */
    String kind();

    /** @return the name of the function, queue, bus or workflow */
    String name();

    /** Invokes a function asynchronously with the slot as its event. @param name the function */
    record Function(String name) implements Target {
        public Function {
            Names.require("target.name", name);
        }

        @Override
        public String kind() {
            return "function";
        }
    }

    /** Sends the slot as a message to a queue. @param name the queue */
    record Queue(String name) implements Target {
        public Queue {
            Names.requireQueue("target.name", name);
        }

        @Override
        public String kind() {
            return "queue";
        }
    }

    /** Publishes the slot as an event on a bus. @param name the bus */
    record Bus(String name) implements Target {
        public Bus {
            Names.require("target.name", name);
        }

        @Override
        public String kind() {
            return "bus";
        }
    }

    /** Starts an execution of a workflow with the slot as its input. @param name the workflow */
    record Workflow(String name) implements Target {
        public Workflow {
            Names.require("target.name", name);
        }

        @Override
        public String kind() {
            return "workflow";
        }
    }

    /**
     * @param kind {@code function}, {@code queue}, {@code bus} or {@code workflow}
     * @param name the target's name
     * @return the target, or every problem under {@code target.kind} and {@code target.name}
     */
    static Validated<Target> parse(String kind, String name) {
        List<Problem> problems = new ArrayList<>();
        ("queue".equals(kind) ? Names.queueProblem("target.name", name) : Names.problem("target.name", name))
                .ifPresent(problems::add);
        if (!List.of("function", "queue", "bus", "workflow").contains(Objects.requireNonNullElse(kind, ""))) {
            problems.add(new Problem("target.kind", "must be function, queue, bus or workflow; got '" + kind + "'"));
        }
        if (!problems.isEmpty()) {
            return new Validated.Invalid<>(problems);
        }
        return new Validated.Valid<>(switch (kind) {
            case "function" -> new Function(name);
            case "queue" -> new Queue(name);
            case "workflow" -> new Workflow(name);
            default -> new Bus(name);
        });
    }
}
