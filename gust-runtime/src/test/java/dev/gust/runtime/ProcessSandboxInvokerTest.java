package dev.gust.runtime;

/** The invoker contract with workers as plain child processes. */
class ProcessSandboxInvokerTest extends SandboxedInvokerContract {

    @Override
    RuntimeConfig.SandboxMode mode() {
        return RuntimeConfig.SandboxMode.PROCESS;
    }
}
