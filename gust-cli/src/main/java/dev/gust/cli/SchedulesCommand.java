package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "schedules", mixinStandardHelpOptions = true, subcommands = SchedulesCommand.Ls.class,
        description = "Schedules declared in gust.yaml: when they fire next and when they last fired.")
final class SchedulesCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Override
    public Integer call() {
        root.out().print("usage: gust schedules ls\n");
        return Main.OK;
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "Lists the schedules with their target, next slot and last fired slot.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        private SchedulesCommand parent;

        @Mixin
        private DataOption dataOption;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode schedules = parent.root.client(dataOption).get("/v1/schedules").path("schedules");
            parent.root.out().print(schedules.isEmpty()
                    ? "no schedules deployed; declare them under schedules: in gust.yaml\n"
                    : table(schedules));
            return Main.OK;
        }
    }

    /** @return NAME EXPRESSION ZONE TARGET CATCH-UP NEXT LAST FIRED, one row per schedule */
    static String table(JsonNode schedules) {
        Table t = new Table("NAME", "EXPRESSION", "ZONE", "TARGET", "CATCH-UP", "NEXT", "LAST FIRED");
        for (JsonNode s : schedules) {
            JsonNode target = s.path("target");
            t.row(s.path("name").asText(), s.path("expression").asText(), s.path("zone").asText(),
                    target.path("kind").asText() + " " + target.path("name").asText(), s.path("catchUp").asText(),
                    orNever(s.path("nextSlot"), "-"), orNever(s.path("lastFired"), "never"));
        }
        return t.render();
    }

    private static String orNever(JsonNode iso, String absent) {
        String text = Formats.text(iso);
        return text == null ? absent : text;
    }
}
