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
        JsonNode functions = root.client(dataOption).get("/v1/functions").path("functions");
        root.out().print(functions.isEmpty()
                ? "no functions deployed; try ./gust deploy examples/hello-java\n"
                : table(functions, root.clock().instant()));
        return Main.OK;
    }

    /** @return NAME VERSION MEMORY WARM BUSY LAST INVOKED ROUTES, one row per function */
    static String table(JsonNode functions, Instant now) {
        Table t = new Table("NAME", "VERSION", "MEMORY", "WARM", "BUSY", "LAST INVOKED", "ROUTES");
        for (JsonNode fn : functions) {
            JsonNode instances = fn.path("instances");
            t.row(fn.path("name").asText(), fn.path("version").asText(), fn.path("memory").asText() + " MB",
                    instances.path("idle").asInt(), instances.path("busy").asInt(),
                    Formats.ago(Formats.instant(fn.path("lastInvoked")), now),
                    String.join(", ", Formats.strings(fn.path("routes"))));
        }
        return t.render();
    }
}
