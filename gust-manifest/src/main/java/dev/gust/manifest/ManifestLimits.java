package dev.gust.manifest;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every default and limit of {@code gust.yaml}, in one place.
 *
 * <table>
 *   <caption>function keys</caption>
 *   <tr><th>key</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>runtime</td><td>(required)</td><td>{@code java21}</td></tr>
 *   <tr><td>handler</td><td>(required)</td><td>a Java class name, optionally {@code ::method}</td></tr>
 *   <tr><td>code</td><td>(required)</td><td>a {@code .jar} file or a directory inside the app directory</td></tr>
 *   <tr><td>memory</td><td>256</td><td>128..10240 MB</td></tr>
 *   <tr><td>timeout</td><td>30s</td><td>100ms..15m</td></tr>
 *   <tr><td>concurrency.min</td><td>0</td><td>0..max</td></tr>
 *   <tr><td>concurrency.max</td><td>10</td><td>1..1000</td></tr>
 *   <tr><td>concurrency.per-instance</td><td>1</td><td>1..1000</td></tr>
 *   <tr><td>environment</td><td>none</td><td>names {@code [A-Za-z_][A-Za-z0-9_]*}, not {@code GUST_*}; 4 KB in all</td></tr>
 *   <tr><td>network</td><td>default</td><td>{@code default} or {@code none}</td></tr>
 *   <tr><td>async.max-retries</td><td>2</td><td>0..10</td></tr>
 *   <tr><td>async.max-event-age</td><td>6h</td><td>60s..6h</td></tr>
 *   <tr><td>async.on-success, async.on-failure</td><td>none</td><td>a function name, {function: name} or {queue: name}</td></tr>
 *   <tr><td>routes</td><td>none</td><td>{@code METHOD /path}, see {@link RouteSpec}</td></tr>
 * </table>
 */
public final class ManifestLimits {
    /** App and function names: lower-case letters, digits and dashes, starting with a letter. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** The runtimes a function may name. */
    public static final List<String> RUNTIMES = List.of("java21");

    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10240;
    public static final int DEFAULT_MEMORY_MB = 256;

    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public static final int DEFAULT_MIN_INSTANCES = 0;
    public static final int MAX_INSTANCES_LIMIT = 1000;
    public static final int DEFAULT_MAX_INSTANCES = 10;
    public static final int PER_INSTANCE_LIMIT = 1000;
    public static final int DEFAULT_PER_INSTANCE = 1;

    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final int MAX_RETRIES_LIMIT = 10;
    public static final Duration MIN_EVENT_AGE = Duration.ofSeconds(60);
    public static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
    public static final Duration DEFAULT_MAX_EVENT_AGE = MAX_EVENT_AGE;

    /** Environment variable names; {@link #RESERVED_ENV_PREFIX} ones belong to the platform. */
    public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final String RESERVED_ENV_PREFIX = "GUST_";
    /** The most bytes (UTF-8) all environment names and values of a function may take together. */
    public static final int MAX_ENVIRONMENT_BYTES = 4096;

    /** The largest {@code gust.yaml} read, in bytes. */
    public static final int MAX_MANIFEST_BYTES = 1024 * 1024;

    private ManifestLimits() {
    }
}
