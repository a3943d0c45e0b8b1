package dev.gust.sdk;

import java.util.Map;

/** What a function knows about itself before any invocation arrives. */
public interface InitContext {

    /** @return the function's name, as declared in {@code gust.yaml} */
    String functionName();

    /** @return the immutable version this instance runs, e.g. {@code "3"} */
    String functionVersion();

    /** @return the memory limit of this instance, in MB */
    int memoryLimitMb();

    /** @return the function's environment, as declared under {@code environment} */
    Map<String, String> environment();

    /**
     * @param name a variable name
     * @return the variable's value, or {@code fallback} when it is not set
     * @param fallback the value to use when the variable is absent
     */
    default String env(String name, String fallback) {
        return environment().getOrDefault(name, fallback);
    }

    /** @return a logger whose lines go to the function's log, outside any invocation */
    Logger logger();
}
