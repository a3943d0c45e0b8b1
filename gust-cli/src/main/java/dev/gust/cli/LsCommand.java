package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Lists the deployed functions, their instances and routes.")
final class LsCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Mixin
    private DataOption dataOption;

    @Override
    public Integer call() throws InterruptedException {
        AdminClient client = root.client(dataOption);
        JsonNode functions = client.get("/v1/functions").path("functions");
        root.out().print(functions.isEmpty()
                ? "no functions deployed; try ./gust deploy examples/hello-java\n"
                : table(functions, root.clock().instant()));
        root.out().print(stemCells(stemCellsOf(client)));
        return Main.OK;
    }

    /** A node from before stem cells answers 404: it has none to show. */
    private static JsonNode stemCellsOf(AdminClient client) throws InterruptedException {
        AdminClient.Response r = client.fetch("/v1/stem-cells");
        return r.status() == 404 ? AdminClient.JSON.createArrayNode() : client.requireOk(r).json().path("stemCells");
    }

    /** @return NAME VERSION MEMORY WARM BUSY COLD LAST INVOKED ROUTES, one row per function */
    static String table(JsonNode functions, Instant now) {
        Table t = new Table("NAME", "VERSION", "MEMORY", "WARM", "BUSY", "COLD", "LAST INVOKED", "ROUTES");
        for (JsonNode fn : functions) {
            JsonNode instances = fn.path("instances");
            t.row(fn.path("name").asText(), fn.path("version").asText(), fn.path("memory").asText() + " MB",
                    instances.path("idle").asInt(), instances.path("busy").asInt(), cold(fn.path("coldStarts")),
                    Formats.ago(Formats.instant(fn.path("lastInvoked")), now),
                    String.join(", ", Formats.strings(fn.path("routes"))));
        }
        return t.render();
    }

    /** @return the cold starts since the node started and their most frequent reason, e.g. {@code 3 (keep-alive)} */
    static String cold(JsonNode counts) {
        if (!counts.has("total")) {
            return null;
        }
        long total = counts.path("total").asLong();
        String top = null;
        long most = 0;
        for (var e : counts.path("byReason").properties()) {
            if (e.getValue().asLong() > most) {
                most = e.getValue().asLong();
                top = e.getKey();
            }
        }
        return top == null ? Long.toString(total) : total + " (" + Formats.label(top) + ")";
    }

    /** @return one line per memory class, e.g. {@code stem cells 256 MB: 2 ready, 0 starting, target 2, 14 handed over} */
    static String stemCells(JsonNode cells) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : cells) {
            sb.append("stem cells ").append(c.path("memoryMb").asInt()).append(" MB: ")
                    .append(c.path("ready").asInt()).append(" ready, ")
                    .append(c.path("starting").asInt()).append(" starting, target ")
                    .append(c.path("target").asInt()).append(", ")
                    .append(c.path("handedOver").asLong()).append(" handed over");
            long lost = c.path("lost").asLong();
            sb.append(lost > 0 ? ", " + lost + " lost\n" : "\n");
        }
        return sb.toString();
    }
}
