package dev.gust.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node tells a worker through its environment.
 *
 * @param codeDir the function's code (GUST_CODE)
 * @param handler the handler spec (GUST_HANDLER)
 * @param functionName GUST_FUNCTION_NAME
 * @param functionVersion GUST_FUNCTION_VERSION
 * @param memoryMb GUST_MEMORY_MB
 * @param instanceId GUST_INSTANCE_ID
 * @param logCapBytes GUST_LOG_CAP_BYTES: output kept per invocation
 * @param environment the function's own variables: those named in GUST_USER_ENV
 */
record WorkerConfig(Path codeDir, HandlerSpec handler, String functionName, String functionVersion, int memoryMb,
        String instanceId, long logCapBytes, Map<String, String> environment) {
    static final long DEFAULT_LOG_CAP_BYTES = 1024 * 1024;

    /**
     * @param env the process environment
     * @return the configuration it describes
     * @throws InvalidConfigException naming every variable that is missing or malformed
     */
    static WorkerConfig fromEnvironment(Map<String, String> env) throws InvalidConfigException {
        var problems = new ArrayList<String>();
        String code = required(env, "GUST_CODE", problems);
        HandlerSpec handler = handler(env, problems);
        String name = required(env, "GUST_FUNCTION_NAME", problems);
        String version = required(env, "GUST_FUNCTION_VERSION", problems);
        String instance = required(env, "GUST_INSTANCE_ID", problems);
        long memory = positive(env, "GUST_MEMORY_MB", null, Integer.MAX_VALUE, problems);
        long cap = positive(env, "GUST_LOG_CAP_BYTES", DEFAULT_LOG_CAP_BYTES, Long.MAX_VALUE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new WorkerConfig(Path.of(code), handler, name, version, (int) memory, instance, cap, userEnv(env));
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + ": must be set");
            return "";
        }
        return value;
    }

    private static HandlerSpec handler(Map<String, String> env, List<String> problems) {
        String spec = required(env, "GUST_HANDLER", problems);
        if (spec.isEmpty()) {
            return null;
        }
        try {
            return HandlerSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            problems.add("GUST_HANDLER: " + e.getMessage());
            return null;
        }
    }

    private static long positive(Map<String, String> env, String name, Long fallback, long max,
            List<String> problems) {
        String value = env.get(name);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (value == null) {
            problems.add(name + ": must be set");
            return 0;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        problems.add(name + ": must be a whole number in 1.." + max + ", got '" + value + "'");
        return 0;
    }

    private static Map<String, String> userEnv(Map<String, String> env) {
        var result = new LinkedHashMap<String, String>();
        String names = env.getOrDefault("GUST_USER_ENV", "");
        Arrays.stream(names.split(","))
                .map(String::trim)
                .filter(n -> !n.isEmpty() && env.containsKey(n))
                .forEach(n -> result.put(n, env.get(n)));
        return Map.copyOf(result);
    }

    /** The environment does not describe a usable worker. */
    static final class InvalidConfigException extends Exception {
        InvalidConfigException(List<String> problems) {
            super("invalid worker environment: " + String.join("; ", problems));
        }
    }
}
