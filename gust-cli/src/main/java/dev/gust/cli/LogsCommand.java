package dev.gust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Prints a function's log lines: time, invocation (last 8 digits), message.",
            "With --follow, keeps printing new lines until interrupted (Ctrl-C)."})
final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Mixin
    private DataOption dataOption;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FUNCTION", description = "The function's name.")
    private String function;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written.")
    private boolean follow;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only lines since: a duration (10m, 1h) or an instant.")
    private String since;

    @Option(names = "--invocation", paramLabel = "ID", description = "Only this invocation's lines.")
    private String invocation;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many lines, 1..10000 (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() throws InterruptedException {
        Limits.check(spec, "--limit", limit, 1, 10_000);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("since", Limits.since(spec, since));
        q.put("invocation", invocation);
        q.put("limit", limit);
        if (follow) {
            q.put("follow", "true");
        }
        String path = AdminClient.withQuery("/v1/functions/" + AdminClient.segment(function) + "/logs", q);
        AdminClient client = root.client(dataOption);
        if (follow) {
            follow(client, path);
        } else {
            client.get(path).path("lines").forEach(l -> root.out().println(line(l)));
        }
        return Main.OK;
    }

    /**
     * Prints events until the node ends the stream or this thread is interrupted: following is
     * stopped, not failed, so an interrupt ends it with {@link Main#OK} (the flag stays set).
     */
    private void follow(AdminClient client, String path) throws InterruptedException {
        try (Stream<String> events = client.lines(path)) {
            events.takeWhile(l -> !Thread.currentThread().isInterrupted()).forEach(this::printEvent);
        } catch (UncheckedIOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw new CliException("lost the connection to the node at " + client.node().hostPort()
                        + " while following the logs: " + e.getCause().getMessage(), e);
            }
        }
    }

    private void printEvent(String sse) {
        eventData(sse).ifPresent(l -> {
            root.out().println(line(l));
            root.out().flush();
        });
    }

    /** @return the JSON of a server-sent {@code data:} line; other lines (comments, blanks) are skipped */
    static Optional<JsonNode> eventData(String sseLine) {
        if (!sseLine.startsWith("data:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(AdminClient.JSON.readTree(sseLine.substring(5).strip()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** @return {@code time  invocation  message}; the invocation is its last 8 digits, {@code -} outside one */
    static String line(JsonNode l) {
        return Formats.time(l.path("time")) + "  " + String.format("%-8s", Formats.shortId(Formats.text(l.path("invocationId"))))
                + "  " + l.path("message").asText();
    }
}
