package dev.gust.runtime;

import java.time.Duration;

/**
 * Where an instance's cold start went.
 *
 * @param sandbox launching the sandbox and process
 * @param jvm from the process being spawned to the worker's Hello: namespace set-up inside the
 *     sandbox, JVM boot and the worker connecting
 * @param classLoad loading the handler and its classes (from Ready)
 * @param init the handler's constructor and {@code init} (from Ready)
 * @param total from deciding to start the instance to its Ready
 */
record StartTimings(Duration sandbox, Duration jvm, Duration classLoad, Duration init, Duration total) {

    /** @return e.g. {@code cold start 412 ms (sandbox 20 ms, jvm 250 ms, class load 30 ms, init 12 ms)} */
    String describe() {
        return "cold start " + total.toMillis() + " ms (sandbox " + sandbox.toMillis() + " ms, jvm " + jvm.toMillis()
                + " ms, class load " + classLoad.toMillis() + " ms, init " + init.toMillis() + " ms)";
    }
}
