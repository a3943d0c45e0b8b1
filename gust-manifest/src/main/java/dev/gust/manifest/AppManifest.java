package dev.gust.manifest;

import dev.gust.events.Rule;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid {@code gust.yaml}: an app, its functions and what else it declares.
 *
 * @param app the app's name
 * @param functions the functions by name, in file order
 * @param baseDir the absolute directory the manifest's relative paths start from
 * @param schedules the schedules by name, in file order
 * @param queues the declared queues by name, in file order
 * @param rules the event bus rules ({@code rules:}), in file order; each valid on its own
 * @param workflows the workflows by name, in file order; each definition checked
 */
public record AppManifest(String app, Map<String, FunctionManifest> functions, Path baseDir,
        Map<String, ScheduleManifest> schedules, Map<String, QueueManifest> queues, List<Rule> rules,
        Map<String, WorkflowManifest> workflows) {

    public AppManifest {
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        schedules = Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
        queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
        rules = List.copyOf(rules);
        workflows = Collections.unmodifiableMap(new LinkedHashMap<>(workflows));
    }

    /** An app that declares only functions. */
    public AppManifest(String app, Map<String, FunctionManifest> functions, Path baseDir) {
        this(app, functions, baseDir, Map.of(), Map.of(), List.of(), Map.of());
    }
}
