package dev.gust.manifest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the whole document. Each top-level key is one section with its own reader; a capability
 * that adds a section ({@code queues}, {@code schedules}, ...) adds its key to {@link #KEYS}, a
 * reader call in {@link #read}, and a component to {@link AppManifest}. One instance per parse.
 */
final class ManifestReader {
    static final List<String> KEYS = List.of("app", "functions", "queues", "rules", "schedules", "workflows");

    private final Path baseDir;
    private final Problems problems = new Problems();
    private final RouteReader routes = new RouteReader();

    /** @param baseDir the absolute, normalised app directory */
    ManifestReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    Problems problems() {
        return problems;
    }

    /** @return the manifest, or empty when a problem was found (see {@link #problems()}) */
    Optional<AppManifest> read(YamlNode root) {
        var document = new Field("", root, problems);
        if (root instanceof YamlNode.Scalar s && s.isEmpty()) {
            return document.fail("the file is empty; it needs at least app and functions");
        }
        return document.mapping("a mapping with the keys " + String.join(", ", KEYS))
                .flatMap(m -> sections(new Keys(document, m, KEYS)))
                .filter(manifest -> problems.isEmpty());
    }

    private Optional<AppManifest> sections(Keys keys) {
        var app = keys.required("app", "the app's name, like shop", Rules::name);
        var functions = keys.required("functions", "a mapping of function names to their settings", this::functions);
        var queues = keys.optional("queues", Map.<String, QueueManifest>of(), QueueReader::read);
        var rules = keys.optional("rules", List.<dev.gust.events.Rule>of(), RuleReader::read);
        var schedules = keys.optional("schedules", Map.<String, ScheduleManifest>of(), ScheduleReader::read);
        var workflows = keys.optional("workflows", Map.<String, WorkflowManifest>of(),
                w -> WorkflowReader.read(w, baseDir));
        if (app.isEmpty() || functions.isEmpty() || queues.isEmpty() || rules.isEmpty() || schedules.isEmpty()
                || workflows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AppManifest(app.get(), functions.get(), baseDir, schedules.get(), queues.get(),
                rules.get(), workflows.get()));
    }

    private Optional<Map<String, FunctionManifest>> functions(Field f) {
        return f.mapping("a mapping of function names to their settings").flatMap(m -> {
            if (m.entries().isEmpty()) {
                return f.fail("at least one function is required");
            }
            Keys.reportRepeated(f, m);
            var reader = new FunctionReader(baseDir, routes);
            Map<String, FunctionManifest> functions = new LinkedHashMap<>();
            m.entries().forEach((name, entry) -> reader.read(f.key(name, entry.value()), name)
                    .ifPresent(fn -> functions.put(name, fn)));
            return Optional.of(functions);
        });
    }
}
