package dev.gust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "wf", mixinStandardHelpOptions = true,
        description = {"Workflows (state machines declared under workflows: in gust.yaml) and their executions.",
            "Name a data directory before the command: gust --data DIR wf ..."},
        subcommands = {WfCommand.Ls.class, WfCommand.Start.class, WfCommand.Executions.class, WfCommand.Describe.class,
            WfCommand.History.class, WfCommand.Stop.class, WfCommand.TaskSuccess.class, WfCommand.TaskFailure.class})
final class WfCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: ls, start, executions, describe, history,"
                + " stop, task-success or task-failure");
    }

    private AdminClient client() {
        return root.client(null);
    }

    private JsonNode post(String path, ObjectNode body) throws InterruptedException {
        AdminClient c = client();
        return c.requireOk(c.post(path, "application/json", AdminClient.json(body.toString()))).json();
    }

    private static JsonNode json(CommandSpec spec, String option, String text) {
        try {
            return AdminClient.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), option + " must be JSON, e.g. '{\"order\":42}': "
                    + e.getOriginalMessage());
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the deployed workflows.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode list = wf.client().get("/v1/workflows").path("workflows");
            if (list.isEmpty()) {
                wf.root.out().print("no workflows deployed; declare them under workflows: in gust.yaml\n");
                return Main.OK;
            }
            Table t = new Table("NAME", "APP", "REVISION", "CREATED");
            list.forEach(w -> t.row(w.path("name").asText(), w.path("app").asText(),
                    w.path("revision").asText().substring(0, 12), Formats.time(w.path("createdAt"))));
            wf.root.out().print(t.render());
            return Main.OK;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts an execution and prints its id.",
                "With --name, starting again with the same input returns the same execution."})
    static final class Start implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow to run.")
        private String workflow;

        @Option(names = "--input", paramLabel = "JSON", defaultValue = "{}",
                description = "The execution's input, JSON (default: ${DEFAULT-VALUE}).")
        private String input;

        @Option(names = "--name", paramLabel = "NAME", description = "A name unique among the workflow's executions.")
        private String name;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = AdminClient.JSON.createObjectNode();
            body.set("input", json(spec, "--input", input));
            if (name != null) {
                body.put("name", name);
            }
            JsonNode started = wf.post("/v1/workflows/" + AdminClient.segment(workflow) + "/executions", body);
            wf.root.out().println(started.path("executionId").asText());
            return Main.OK;
        }
    }

    @Command(name = "executions", mixinStandardHelpOptions = true, description = "Lists executions, newest first.")
    static final class Executions implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Option(names = "--workflow", paramLabel = "NAME", description = "Only this workflow's executions.")
        private String workflow;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "Only executions in this status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.")
        private String status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default: ${DEFAULT-VALUE}).")
        private int limit;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("workflow", workflow);
            q.put("status", status);
            q.put("limit", limit);
            JsonNode list = wf.client().get(AdminClient.withQuery("/v1/executions", q)).path("executions");
            Table t = new Table("ID", "WORKFLOW", "NAME", "STATUS", "STARTED", "STOPPED");
            list.forEach(e -> t.row(e.path("executionId").asText(), e.path("workflow").asText(),
                    e.path("name").asText(), e.path("status").asText(), Formats.time(e.path("startedAt")),
                    Formats.time(e.path("stoppedAt"))));
            wf.root.out().print(list.isEmpty() ? "no executions\n" : t.render());
            return Main.OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Prints an execution: its status, input, output or error, and each state it visited.")
    static final class Describe implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Parameters(index = "0", paramLabel = "ID", description = "The execution's id.")
        private String id;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode e = wf.client().get("/v1/executions/" + AdminClient.segment(id));
            wf.root.out().print(describe(e));
            return Main.OK;
        }
    }

    /** @return the execution's facts, then a table of its states: name, status, duration, error */
    static String describe(JsonNode e) {
        var out = new StringBuilder();
        out.append("execution ").append(e.path("executionId").asText()).append(" of ")
                .append(e.path("workflow").asText()).append(" (").append(e.path("name").asText()).append(")\n");
        out.append("status    ").append(e.path("status").asText()).append(" after ")
                .append(Formats.millis(e.path("durationMs").asLong())).append('\n');
        out.append("started   ").append(Formats.time(e.path("startedAt"))).append('\n');
        out.append("input     ").append(e.path("input")).append('\n');
        if (!e.path("output").isNull() && !e.path("output").isMissingNode()) {
            out.append("output    ").append(e.path("output")).append('\n');
        }
        String error = Formats.text(e.path("error"));
        if (error != null) {
            out.append("error     ").append(error).append(": ").append(e.path("cause").asText("")).append('\n');
        }
        out.append("correlation ").append(e.path("correlationId").asText()).append("\n\n");
        Table t = new Table("STATE", "STATUS", "DURATION", "RETRIES", "ERROR");
        e.path("states").forEach(s -> t.row(s.path("name").asText(), s.path("status").asText(),
                Formats.millis(s.path("durationMs").asLong()), s.path("retries").asText("0"),
                s.path("error").isTextual() ? s.path("error").asText() : "-"));
        return out.append(t.render()).toString();
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Prints an execution's history events in order.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Parameters(index = "0", paramLabel = "ID", description = "The execution's id.")
        private String id;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode events = wf.client().get("/v1/executions/" + AdminClient.segment(id) + "/history").path("events");
            Table t = new Table("SEQ", "AT", "TYPE", "STATE", "DETAILS");
            events.forEach(h -> t.row(h.path("seq").asText(), Formats.time(h.path("at")), h.path("type").asText(),
                    h.path("state").isTextual() ? h.path("state").asText() : "-", details(h.path("details"))));
            wf.root.out().print(t.render());
            return Main.OK;
        }

        private static String details(JsonNode d) {
            ObjectNode copy = d.isObject() ? ((ObjectNode) d).deepCopy() : AdminClient.JSON.createObjectNode();
            copy.remove("frame"); // the engine's bookkeeping
            String text = copy.toString();
            return text.length() > 100 ? text.substring(0, 100) + "..." : text;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops a running execution (ABORTED).")
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Parameters(index = "0", paramLabel = "ID", description = "The execution's id.")
        private String id;

        @Option(names = "--error", paramLabel = "ERROR", description = "The error to record (default: Aborted).")
        private String error;

        @Option(names = "--cause", paramLabel = "CAUSE", description = "Why it was stopped.")
        private String cause;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = AdminClient.JSON.createObjectNode();
            if (error != null) {
                body.put("error", error);
            }
            if (cause != null) {
                body.put("cause", cause);
            }
            JsonNode r = wf.post("/v1/executions/" + AdminClient.segment(id) + "/stop", body);
            wf.root.out().println(r.path("stopped").asBoolean() ? "stopped " + id
                    : id + " had already finished: " + r.path("status").asText());
            return Main.OK;
        }
    }

    @Command(name = "task-success", mixinStandardHelpOptions = true,
            description = "Completes a .waitForTaskToken task with its output.")
    static final class TaskSuccess implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TOKEN", description = "The task token the task handed out.")
        private String token;

        @Option(names = "--output", paramLabel = "JSON", defaultValue = "{}",
                description = "The task's result, JSON (default: ${DEFAULT-VALUE}).")
        private String output;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("taskToken", token);
            body.set("output", json(spec, "--output", output));
            JsonNode r = wf.post("/v1/task-tokens/success", body);
            wf.root.out().println("completed " + r.path("state").asText() + " of " + r.path("executionId").asText());
            return Main.OK;
        }
    }

    @Command(name = "task-failure", mixinStandardHelpOptions = true,
            description = "Fails a .waitForTaskToken task with an error its Retry and Catch match.")
    static final class TaskFailure implements Callable<Integer> {
        @ParentCommand
        private WfCommand wf;

        @Parameters(index = "0", paramLabel = "TOKEN", description = "The task token the task handed out.")
        private String token;

        @Option(names = "--error", paramLabel = "ERROR", defaultValue = "States.TaskFailed",
                description = "The error name (default: ${DEFAULT-VALUE}).")
        private String error;

        @Option(names = "--cause", paramLabel = "CAUSE", defaultValue = "", description = "What happened.")
        private String cause;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("taskToken", token).put("error", error)
                    .put("cause", cause);
            JsonNode r = wf.post("/v1/task-tokens/failure", body);
            wf.root.out().println("failed " + r.path("state").asText() + " of " + r.path("executionId").asText());
            return Main.OK;
        }
    }
}
