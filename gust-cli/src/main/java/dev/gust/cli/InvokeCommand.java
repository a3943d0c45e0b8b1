package dev.gust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Invokes a function and prints its JSON result.",
            "Exits 1 on a function error, printing its type and message.",
            "With --async the node queues the invocation and this prints its id at once.",
            "Here --data is the payload; name a data directory before the command: gust --data DIR invoke ..."})
final class InvokeCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FUNCTION", description = "The function's name.")
    private String function;

    @ArgGroup(exclusive = true)
    private Payload payload;

    @Option(names = {"-v", "--verbose"},
            description = "Also print the invocation record: duration, billed time, cold start, instance, trace.")
    private boolean verbose;

    @Option(names = "--async",
            description = "Queue the invocation (retried on failure) and print its id instead of waiting for it.")
    private boolean async;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Run at most once per KEY (within 24 h): a repeat prints the first outcome.")
    private String idempotencyKey;

    static final class Payload {
        @Option(names = "--data", paramLabel = "JSON", description = "The payload (default: {}).")
        String data;

        @Option(names = "--file", paramLabel = "PATH", description = "Read the payload from a JSON file.")
        Path file;
    }

    @Override
    public Integer call() throws InterruptedException {
        String body = payloadJson();
        AdminClient client = root.client(null);
        var r = client.post("/v1/functions/" + AdminClient.segment(function) + "/invocations",
                "application/json", AdminClient.json(body), headers());
        if (r.ok() && async) {
            root.out().println(r.json().path("invocationId").asText());
            return Main.OK;
        }
        if (r.ok()) {
            root.out().println(r.text());
        } else {
            root.err().println(failureLine(r).orElseThrow(() -> client.failure(r)));
        }
        if (verbose) {
            printRecord(client, r);
        }
        return r.ok() ? Main.OK : Main.FAILED;
    }

    private Map<String, String> headers() {
        var h = new LinkedHashMap<String, String>();
        if (async) {
            h.put("Gust-Invocation-Type", "event");
        }
        if (idempotencyKey != null) {
            h.put("Idempotency-Key", idempotencyKey);
        }
        return h;
    }

    private String payloadJson() {
        if (payload == null) {
            return "{}";
        }
        if (payload.file != null) {
            return checkJson("--file " + payload.file, read(payload.file));
        }
        return checkJson("--data", payload.data);
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--file must be a readable JSON file; cannot read "
                    + file + (Files.exists(file) ? ": " + e.getMessage() : ": it does not exist"));
        }
    }

    private String checkJson(String what, String text) {
        try {
            AdminClient.JSON.readTree(text);
            return text;
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(),
                    what + " must be JSON, e.g. '{\"name\":\"Ada\"}': " + e.getOriginalMessage());
        }
    }

    /** @return {@code Type: message (invocation id)} for a function's failure, when the node said that */
    static Optional<String> failureLine(AdminClient.Response r) {
        try {
            JsonNode error = r.json().path("error");
            if (!error.has("type")) {
                return Optional.empty();
            }
            String id = Formats.text(error.path("invocationId"));
            return Optional.of(error.path("type").asText() + ": " + error.path("message").asText()
                    + (id == null ? "" : " (invocation " + id + ")"));
        } catch (CliException e) {
            return Optional.empty();
        }
    }

    private void printRecord(AdminClient client, AdminClient.Response r) throws InterruptedException {
        Optional<String> id = r.header("Gust-Invocation-Id");
        if (id.isEmpty()) {
            return;
        }
        var record = client.fetch("/v1/invocations/" + AdminClient.segment(id.get()));
        root.err().print(record.ok() ? describeRecord(record.json()) : describeHeaders(r));
    }

    /** @return the record as {@code name  value} lines */
    static String describeRecord(JsonNode rec) {
        Table t = new Table("invocation", rec.path("id").asText());
        t.row("function", rec.path("function").asText() + " version " + rec.path("version").asText());
        t.row("status", rec.path("status").asText()
                + (Formats.text(rec.path("errorType")) == null ? "" : " " + rec.path("errorType").asText()
                        + ": " + rec.path("errorMessage").asText()));
        t.row("duration", Formats.millis(rec.path("durationMs").asLong())
                + ", billed " + Formats.millis(rec.path("billedDurationMs").asLong())
                + " at " + rec.path("memoryMb").asText() + " MB");
        t.row("cold start", coldStart(rec));
        t.row("instance", Formats.text(rec.path("instanceId")));
        t.row("trace id", Formats.text(rec.path("traceId")));
        t.row("correlation id", Formats.text(rec.path("correlationId")));
        return t.render();
    }

    /**
     * @return {@code no}; {@code yes, init 245 ms} without a breakdown; else how and why it started and
     *     the parts that apply to its mode, e.g.
     *     {@code stem cell, keep-alive: queue 0.1 ms, hand-over 3.2 ms, class load 1.0 ms, init 0.4 ms}
     */
    static String coldStart(JsonNode rec) {
        JsonNode c = rec.path("coldStart");
        if (!c.isObject()) {
            return rec.hasNonNull("initDurationMs")
                    ? "yes, init " + Formats.millis(rec.path("initDurationMs").asLong()) : "no";
        }
        boolean stemCell = c.path("mode").asText().equals("STEM_CELL");
        List<String> parts = new ArrayList<>();
        parts.add("queue " + Formats.preciseMillis(c.path("queueWaitMs").asDouble()));
        if (stemCell) {
            parts.add("hand-over " + Formats.preciseMillis(c.path("handOverMs").asDouble()));
        } else {
            parts.add("sandbox " + Formats.preciseMillis(c.path("sandboxMs").asDouble()));
            parts.add("jvm " + Formats.preciseMillis(c.path("jvmMs").asDouble()));
        }
        parts.add("class load " + Formats.preciseMillis(c.path("classLoadMs").asDouble()));
        parts.add("init " + Formats.preciseMillis(c.path("initMs").asDouble()));
        return Formats.label(c.path("mode").asText()).replace('-', ' ') + ", "
                + Formats.label(c.path("reason").asText()) + ": " + String.join(", ", parts);
    }

    /** The record is written after the answer; if it is not there yet, the headers say most of it. */
    static String describeHeaders(AdminClient.Response r) {
        Table t = new Table("invocation", r.header("Gust-Invocation-Id").orElse("-"));
        t.row("cold start", r.header("Gust-Cold-Start").map(c -> c.equals("true") ? "yes" : "no").orElse(null));
        t.row("trace id", r.header("traceparent").map(tp -> tp.split("-")).filter(p -> p.length > 1)
                .map(p -> p[1]).orElse(null));
        t.row("correlation id", r.header("Gust-Correlation-Id").orElse(null));
        return t.render();
    }
}
