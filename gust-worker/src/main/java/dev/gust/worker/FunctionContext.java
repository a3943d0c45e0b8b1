package dev.gust.worker;

import dev.gust.sdk.InitContext;
import dev.gust.sdk.Logger;
import java.util.Map;

/**
 * What the function knows about itself; handed to {@code init}. Its logger writes untagged lines.
 *
 * @param functionName the function's name
 * @param functionVersion the version this instance runs
 * @param memoryLimitMb the instance's memory limit
 * @param environment the function's own variables
 * @param logger writes lines outside any invocation
 */
record FunctionContext(String functionName, String functionVersion, int memoryLimitMb,
        Map<String, String> environment, Logger logger) implements InitContext {
}
