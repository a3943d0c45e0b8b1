package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Shows requests, GB-seconds and cost per function.")
final class UsageCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Mixin
    private DataOption dataOption;

    @Spec
    private CommandSpec spec;

    @Option(names = "--since", defaultValue = "1h", paramLabel = "WHEN",
            description = "A duration back from now (30m, 1h, 7d) or an instant (default: ${DEFAULT-VALUE}).")
    private String since;

    @Override
    public Integer call() throws InterruptedException {
        String s = Limits.since(spec, since);
        root.out().print(table(root.client(dataOption).get(AdminClient.withQuery("/v1/usage", Map.of("since", s)))));
        return Main.OK;
    }

    /** @return the period, FUNCTION REQUESTS GB-S COST per function, a total row, and the prices */
    static String table(JsonNode usage) {
        Table t = new Table("FUNCTION", "REQUESTS", "GB-S", "COST");
        for (JsonNode f : usage.path("functions")) {
            t.row(f.path("function").asText(), f.path("requests").asLong(),
                    Formats.gbSeconds(f.path("gbSeconds").asDouble()), Formats.cost(f.path("cost").asDouble()));
        }
        JsonNode total = usage.path("total");
        t.row("TOTAL", total.path("requests").asLong(), Formats.gbSeconds(total.path("gbSeconds").asDouble()),
                Formats.cost(total.path("cost").asDouble()));
        JsonNode price = usage.path("price");
        return "usage from " + Formats.time(usage.path("from")) + " to " + Formats.time(usage.path("to")) + "\n"
                + t.render()
                + "price: $" + price.path("perMillionRequests").asText() + " per million requests, $"
                + price.path("perGbSecond").asText() + " per GB-second\n";
    }
}
