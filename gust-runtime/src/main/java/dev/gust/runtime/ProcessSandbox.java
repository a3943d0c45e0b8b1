package dev.gust.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a worker as a plain child process: no namespaces, so no isolation beyond a cleared environment,
 * its own working directory and (when the host has them) cgroup limits. Thread-safe.
 */
final class ProcessSandbox implements Sandbox {
    private final Cgroups cgroups;
    private final SandboxInfo info;

    /**
     * @param cgroups the limits to apply
     * @param fallbackReason why plain processes are used although isolation was wanted, if so
     */
    ProcessSandbox(Cgroups cgroups, Optional<String> fallbackReason) {
        this.cgroups = cgroups;
        this.info = new SandboxInfo("process", cgroups.kind(), Sandboxes.joinReasons(fallbackReason, cgroups));
    }

    @Override
    public SandboxInfo info() {
        return info;
    }

    @Override
    public SandboxedProcess launch(LaunchSpec spec) throws IOException {
        Sandboxes.check(spec);
        Cgroup cgroup = cgroups.create(spec.instanceId(), spec.memoryMb());
        ProcessBuilder builder = new ProcessBuilder(command(spec, cgroup)).directory(spec.codeDir().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(spec.environment());
        env.putAll(Sandboxes.sandboxVariables(spec.codeDir().toString(), spec.runDir().toString()));
        return LaunchedProcess.start(builder, cgroup, spec.runDir());
    }

    private static List<String> command(LaunchSpec spec, Cgroup cgroup) {
        if (cgroup.procsFiles().isEmpty()) {
            return spec.command();
        }
        // sh exports PWD, which the worker's environment must not gain.
        String unsetPwd = spec.environment().containsKey("PWD") ? "" : "unset PWD && ";
        List<String> command = new ArrayList<>(Sandboxes.joinCgroup(cgroup, unsetPwd));
        command.addAll(spec.command());
        return command;
    }
}
