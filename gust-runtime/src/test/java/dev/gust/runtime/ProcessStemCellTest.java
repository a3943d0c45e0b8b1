package dev.gust.runtime;

/** Stem cells as plain processes. */
class ProcessStemCellTest extends StemCellContract {
    @Override
    RuntimeConfig.SandboxMode mode() {
        return RuntimeConfig.SandboxMode.PROCESS;
    }
}
