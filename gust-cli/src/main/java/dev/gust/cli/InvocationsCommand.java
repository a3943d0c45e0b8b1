package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.common.CorrelationIds;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "invocations", mixinStandardHelpOptions = true,
        description = {"Lists recent invocations, newest first; with an ID, shows that one's record, its cold start"
                + " broken down.",
                "With --correlation, every invocation of one chain of work: the first one and everything it caused"
                        + " (functions it invoked, async invocations, event deliveries) that carried its correlation id."})
final class InvocationsCommand implements Callable<Integer> {
    static final String STATUSES = "success, error, timeout, throttled";

    @ParentCommand
    private GustCommand root;

    @Mixin
    private DataOption dataOption;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "Show this invocation's record.")
    private String id;

    @Option(names = "--function", paramLabel = "NAME", description = "Only this function's.")
    private String function;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only these: " + STATUSES + ".")
    private String status;

    @Option(names = "--correlation", paramLabel = "ID",
            description = "Only invocations with this correlation id (Gust-Correlation-Id).")
    private String correlation;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many, 1..1000 (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() throws InterruptedException {
        if (id != null) {
            return detail();
        }
        Limits.check(spec, "--limit", limit, 1, 1000);
        if (status != null && !STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            throw new ParameterException(spec.commandLine(), "--status must be one of " + STATUSES + ", was " + status);
        }
        if (correlation != null && !CorrelationIds.isValid(correlation)) {
            throw new ParameterException(spec.commandLine(), "--correlation must be 1.." + CorrelationIds.MAX_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : -, was " + correlation);
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("function", function);
        q.put("status", status == null ? null : status.toUpperCase(Locale.ROOT));
        q.put("correlationId", correlation);
        q.put("limit", limit);
        JsonNode list = root.client(dataOption).get(AdminClient.withQuery("/v1/invocations", q)).path("invocations");
        root.out().print(list.isEmpty() ? "no invocations\n" : table(list));
        return Main.OK;
    }

    private int detail() throws InterruptedException {
        if (function != null || status != null || correlation != null) {
            throw new ParameterException(spec.commandLine(),
                    "an invocation ID shows one record; leave out --function, --status and --correlation");
        }
        JsonNode record = root.client(dataOption).get("/v1/invocations/" + AdminClient.segment(id));
        root.out().print(InvokeCommand.describeRecord(record));
        return Main.OK;
    }

    /** @return ID START FUNCTION VERSION STATUS DURATION BILLED COLD ERROR, one row per record */
    static String table(JsonNode records) {
        Table t = new Table("ID", "START", "FUNCTION", "VERSION", "STATUS", "DURATION", "BILLED", "COLD", "ERROR");
        for (JsonNode r : records) {
            t.row(r.path("id").asText(), Formats.time(r.path("start")), r.path("function").asText(),
                    r.path("version").asText(), r.path("status").asText(),
                    Formats.millis(r.path("durationMs").asLong()), Formats.millis(r.path("billedDurationMs").asLong()),
                    r.hasNonNull("initDurationMs") ? Formats.millis(r.path("initDurationMs").asLong()) : "",
                    Formats.text(r.path("errorType")));
        }
        return t.render();
    }
}
