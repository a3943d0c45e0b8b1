package dev.gust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Publishes CloudEvents to the node's event bus and reads its archive.",
            "Name a data directory before the command: gust --data DIR events ..."},
        subcommands = {EventsCommand.Put.class, EventsCommand.Ls.class})
final class EventsCommand implements Callable<Integer> {
    @ParentCommand
    private GustCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: put or ls");
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = {"Publishes one event and prints its id once the node has committed it.",
                "Rules whose pattern matches it deliver it to their targets."})
    static final class Put implements Callable<Integer> {
        @ParentCommand
        private EventsCommand events;

        @Spec
        private CommandSpec spec;

        @Option(names = "--source", required = true, paramLabel = "URI", description = "The event's source, e.g. /orders.")
        private String source;

        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "The event's type, e.g. order.paid.")
        private String type;

        @Option(names = "--data", paramLabel = "JSON", description = "The event's data, JSON (default: none).")
        private String data;

        @Option(names = "--id", paramLabel = "ID", description = "The event's id (default: a random UUID).")
        private String id;

        @Option(names = "--subject", paramLabel = "SUBJECT", description = "The event's subject.")
        private String subject;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode event = AdminClient.JSON.createObjectNode()
                    .put("specversion", "1.0")
                    .put("id", id == null ? UUID.randomUUID().toString() : id)
                    .put("source", source)
                    .put("type", type);
            if (subject != null) {
                event.put("subject", subject);
            }
            if (data != null) {
                event.set("data", json(data));
            }
            GustCommand root = events.root;
            AdminClient client = root.client(null);
            var r = client.requireOk(client.post("/v1/events", "application/cloudevents+json",
                    AdminClient.json(event.toString())));
            r.json().path("accepted").forEach(a -> root.out().println(a.asText()));
            return Main.OK;
        }

        private JsonNode json(String text) {
            try {
                return AdminClient.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new ParameterException(spec.commandLine(),
                        "--data must be JSON, e.g. '{\"order\":42}': " + e.getOriginalMessage());
            }
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "Prints archived events, oldest first, one structured CloudEvent per line.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        private EventsCommand events;

        @Spec
        private CommandSpec spec;

        @Option(names = "--since", paramLabel = "WHEN", defaultValue = "1h",
                description = "Events since: a duration (10m, 1h) or an instant (default: ${DEFAULT-VALUE}).")
        private String since;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type.")
        private String type;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("since", Limits.since(spec, since));
            q.put("type", type);
            GustCommand root = events.root;
            JsonNode found = root.client(null).get(AdminClient.withQuery("/v1/events", q));
            found.path("events").forEach(e -> root.out().println(e.path("event").toString()));
            return Main.OK;
        }
    }
}
