package dev.gust.workflow;

import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing of {@code Resource} text; the name rules match those of gust.yaml. */
final class TaskResources {
    // The same rules as gust-manifest's function and queue names (this module does not depend on it).
    private static final Pattern FUNCTION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");

    private TaskResources() {
    }

    static TaskResource.Parsed parse(String text) {
        if (text.startsWith("arn:")) {
            return invalid(text, "AWS ARNs do not name Gust resources");
        }
        boolean token = text.endsWith(TaskResource.TOKEN);
        String base = token ? text.substring(0, text.length() - TaskResource.TOKEN.length()) : text;
        if (base.equals("gust:events")) {
            return new TaskResource.Valid(new TaskResource.Events(token));
        }
        return named(text, base, token, "gust:function:", FUNCTION, "a function name like resize-image")
                .or(() -> named(text, base, token, "gust:queue:", QUEUE, "a queue name like orders or orders.fifo"))
                .or(() -> workflow(text, token))
                .orElseGet(() -> invalid(text, "unknown resource"));
    }

    private static Optional<TaskResource.Parsed> named(String text, String base, boolean token, String prefix,
            Pattern names, String expected) {
        if (!base.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = base.substring(prefix.length());
        if (!names.matcher(name).matches()) {
            return Optional.of(invalid(text, "\"" + name + "\" is not " + expected));
        }
        return Optional.of(new TaskResource.Valid(prefix.equals("gust:queue:")
                ? new TaskResource.Queue(name, token) : new TaskResource.Function(name, token)));
    }

    private static Optional<TaskResource.Parsed> workflow(String text, boolean token) {
        String prefix = "gust:workflow:";
        if (!text.startsWith(prefix)) {
            return Optional.empty();
        }
        if (token) {
            return Optional.of(invalid(text, "a workflow task waits with .sync, not .waitForTaskToken"));
        }
        boolean sync = text.endsWith(TaskResource.SYNC);
        String name = text.substring(prefix.length(), text.length() - (sync ? TaskResource.SYNC.length() : 0));
        if (!FUNCTION.matcher(name).matches()) {
            return Optional.of(invalid(text, "\"" + name + "\" is not a workflow name like process-order"));
        }
        return Optional.of(new TaskResource.Valid(new TaskResource.Workflow(name, sync)));
    }

    private static TaskResource.Parsed invalid(String text, String why) {
        return new TaskResource.Invalid(why + " (\"" + text + "\"); a resource is " + TaskResource.ALLOWED);
    }
}
