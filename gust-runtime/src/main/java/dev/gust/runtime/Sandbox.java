package dev.gust.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts worker processes in isolation. Implementations: bubblewrap with cgroup limits, or a plain
 * child process. Thread-safe.
 */
interface Sandbox {

    /** @return what this sandbox is, for the node's start-up message and {@code /healthz} */
    SandboxInfo info();

    /**
     * Starts one worker process.
     *
     * @param spec what to run and with which limits
     * @return the running process
     * @throws IOException when the process cannot be started
     */
    SandboxedProcess launch(LaunchSpec spec) throws IOException;

    /**
     * @param instanceId the instance's id (names its cgroup and run directory)
     * @param command the command inside the sandbox ({@code java ... dev.gust.worker.Main})
     * @param environment the environment of the worker (nothing else is inherited); the sandbox adds
     *     {@code GUST_CODE} and {@code GUST_CHANNEL} (the run directory, holding the FIFOs of
     *     {@link WorkerPipes}) as the process sees them
     * @param codeDir host directory with the function's code, shown read-only at {@link #CODE_MOUNT}
     * @param runDir host directory holding the instance's channel to the node, shown at {@link #RUN_MOUNT}
     * @param readOnlyPaths host paths the command needs (JDK, worker jars), shown read-only at the same path
     * @param memoryMb the memory limit
     * @param network whether the process may use the network
     * @param outputDir a host directory shown writable at the same path, which outlives the process (unlike
     *     {@code runDir}): where an AOT training run leaves its cache; empty for instances
     */
    record LaunchSpec(String instanceId, List<String> command, Map<String, String> environment, Path codeDir,
            Path runDir, List<Path> readOnlyPaths, int memoryMb, boolean network, Optional<Path> outputDir) {
        static final String CODE_MOUNT = "/var/task";
        static final String RUN_MOUNT = "/run/gust";
        static final String SOCKET_NAME = "worker.sock";

        /** An instance's spec: nothing written outlives the process. */
        LaunchSpec(String instanceId, List<String> command, Map<String, String> environment, Path codeDir,
                Path runDir, List<Path> readOnlyPaths, int memoryMb, boolean network) {
            this(instanceId, command, environment, codeDir, runDir, readOnlyPaths, memoryMb, network, Optional.empty());
        }
    }
}
