package dev.gust.manifest;

import dev.gust.events.Rule;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid {@code gust.yaml}: an app and its functions.
 *
 * @param app the app's name
 * @param functions the functions by name, in file order
 * @param baseDir the absolute directory the manifest's relative paths start from
 * @param rules the event bus rules ({@code rules:}), in file order; each valid on its own
 */
public record AppManifest(String app, Map<String, FunctionManifest> functions, Path baseDir, List<Rule> rules) {

    public AppManifest {
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        rules = List.copyOf(rules);
    }

    /** An app without event rules. */
    public AppManifest(String app, Map<String, FunctionManifest> functions, Path baseDir) {
        this(app, functions, baseDir, List.of());
    }
}
