package dev.gust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Creates, lists, feeds, reads, purges, redrives and removes queues.",
        subcommands = {QueueCommand.Create.class, QueueCommand.Ls.class, QueueCommand.Send.class,
            QueueCommand.Receive.class, QueueCommand.Purge.class, QueueCommand.Redrive.class, QueueCommand.Rm.class})
final class QueueCommand {
    @ParentCommand
    private GustCommand root;

    private static String path(String queue, String rest) {
        return "/v1/queues/" + AdminClient.segment(queue) + rest;
    }

    /** Common plumbing of the subcommands. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        QueueCommand parent;

        @Mixin
        DataOption dataOption;

        AdminClient client() {
            return parent.root.client(dataOption);
        }

        PrintStream out() {
            return parent.root.out();
        }

        JsonNode post(String path, ObjectNode body) throws InterruptedException {
            AdminClient c = client();
            return c.requireOk(c.post(path, "application/json", AdminClient.json(body.toString()))).json();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a queue, or updates the attributes of an existing one.")
    static final class Create extends Sub {
        @Parameters(paramLabel = "QUEUE", description = "The queue's name; ending in .fifo makes a FIFO queue.")
        String name;

        @Option(names = "--content-based-deduplication",
                description = "FIFO queues: deduplicate messages sent without --dedup-id by their body's SHA-256.")
        boolean contentBasedDeduplication;

        @Option(names = "--visibility-timeout", paramLabel = "DURATION", description = "0s..12h (default 30s).")
        String visibility;

        @Option(names = "--delay", paramLabel = "DURATION", description = "0s..15m (default 0s).")
        String delay;

        @Option(names = "--retention", paramLabel = "DURATION", description = "60s..14d (default 4d).")
        String retention;

        @Option(names = "--max-message-bytes", paramLabel = "N", description = "1..262144 (default 262144).")
        Integer maxBytes;

        @Option(names = "--dead-letter-queue", paramLabel = "QUEUE", description = "Where poison messages go.")
        String dlq;

        @Option(names = "--max-receive-count", paramLabel = "N", description = "Receives before a message moves to the dead-letter queue.")
        Integer maxReceives;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode b = AdminClient.JSON.createObjectNode().put("name", name).put("visibilityTimeout", visibility)
                    .put("delay", delay).put("retention", retention).put("maxMessageBytes", maxBytes)
                    .put("deadLetterQueue", dlq).put("maxReceiveCount", maxReceives);
            if (contentBasedDeduplication) {
                b.put("contentBasedDeduplication", true);
            }
            JsonNode q = post("/v1/queues", b);
            out().println("queue " + q.path("name").asText() + " ready (" + q.path("type").asText("standard")
                    + (q.path("contentBasedDeduplication").asBoolean() ? ", content-based deduplication" : "")
                    + ", visibility " + q.path("visibilityTimeout").asText()
                    + ", retention " + q.path("retention").asText() + ")");
            return Main.OK;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists queues with their depth.")
    static final class Ls extends Sub {
        @Override
        public Integer call() throws InterruptedException {
            out().print(table(client().get("/v1/queues")));
            return Main.OK;
        }

        static String table(JsonNode queues) {
            Table t = new Table("QUEUE", "TYPE", "MESSAGES", "IN-FLIGHT", "DELAYED", "OLDEST", "DLQ");
            for (JsonNode q : queues.path("queues")) {
                t.row(q.path("name").asText(), q.path("type").asText("standard"), q.path("messages").asLong(),
                        q.path("inFlight").asLong(),
                        q.path("delayed").asLong(), q.path("oldestAgeSeconds").asLong() + "s",
                        q.path("deadLetterQueue").asText("-"));
            }
            return t.render();
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true, description = "Sends one message.")
    static final class Send extends Sub {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "The queue.")
        String queue;

        @Parameters(index = "1", paramLabel = "BODY", description = "The message body.")
        String body;

        @Option(names = "--delay", paramLabel = "DURATION",
                description = "0s..15m (default: the queue's); standard queues only.")
        String delay;

        @Option(names = "--group", paramLabel = "GROUP",
                description = "FIFO queues (required): the message group, received in send order.")
        String group;

        @Option(names = "--dedup-id", paramLabel = "ID",
                description = "FIFO queues: a resend with this id within 5 minutes is dropped"
                        + " (required unless the queue has content-based deduplication).")
        String dedupId;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode r = post(path(queue, "/messages"), AdminClient.JSON.createObjectNode().put("body", body)
                    .put("delay", delay).put("groupId", group).put("deduplicationId", dedupId));
            out().println(r.path("messageId").asText()
                    + (r.has("sequenceNumber") ? " " + r.path("sequenceNumber").asText() : ""));
            return Main.OK;
        }
    }

    @Command(name = "receive", mixinStandardHelpOptions = true,
            description = "Receives messages, prints them as JSON lines and, with --delete, deletes them.")
    static final class Receive extends Sub {
        @Parameters(paramLabel = "QUEUE", description = "The queue.")
        String queue;

        @Option(names = "--max", defaultValue = "1", paramLabel = "N", description = "1..10 (default ${DEFAULT-VALUE}).")
        int max;

        @Option(names = "--wait", defaultValue = "0s", paramLabel = "DURATION",
                description = "Long polling, 0s..20s (default ${DEFAULT-VALUE}).")
        String wait;

        @Option(names = "--delete", description = "Delete each message once printed.")
        boolean delete;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode r = post(path(queue, "/receive"), AdminClient.JSON.createObjectNode().put("maxMessages", max)
                    .put("waitTime", wait));
            for (JsonNode m : r.path("messages")) {
                out().println(m.toString());
                if (delete) {
                    client().delete(path(queue, "/messages/" + AdminClient.segment(m.path("receiptHandle").asText())));
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Deletes every message of a queue.")
    static final class Purge extends Sub {
        @Parameters(paramLabel = "QUEUE", description = "The queue.")
        String queue;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode r = post(path(queue, "/purge"), AdminClient.JSON.createObjectNode());
            out().println("purged " + r.path("purged").asLong() + " messages from " + queue);
            return Main.OK;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Moves every message of a dead-letter queue back to the queue it came from.")
    static final class Redrive extends Sub {
        @Parameters(paramLabel = "DLQ", description = "The dead-letter queue.")
        String queue;

        @Override
        public Integer call() throws InterruptedException {
            JsonNode r = post(path(queue, "/redrive"), AdminClient.JSON.createObjectNode());
            out().println("moved " + r.path("moved").asLong() + " messages back from " + queue);
            return Main.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Deletes a queue and its messages.")
    static final class Rm extends Sub {
        @Parameters(paramLabel = "QUEUE", description = "The queue.")
        String queue;

        @Override
        public Integer call() throws InterruptedException {
            client().delete(path(queue, ""));
            out().println("removed queue " + queue);
            return Main.OK;
        }
    }
}
