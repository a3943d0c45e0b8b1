package dev.gust.manifest;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A valid {@code gust.yaml}: an app and its functions.
 *
 * @param app the app's name
 * @param functions the functions by name, in file order
 * @param baseDir the absolute directory the manifest's relative paths start from
 * @param queues the declared queues by name, in file order
 */
public record AppManifest(String app, Map<String, FunctionManifest> functions, Path baseDir,
        Map<String, QueueManifest> queues) {

    public AppManifest {
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    }

    /** An app that declares only functions. */
    public AppManifest(String app, Map<String, FunctionManifest> functions, Path baseDir) {
        this(app, functions, baseDir, Map.of());
    }
}
