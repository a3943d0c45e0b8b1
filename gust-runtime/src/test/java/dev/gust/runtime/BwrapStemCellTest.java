package dev.gust.runtime;

import org.junit.jupiter.api.BeforeAll;

/** Stem cells in bubblewrap: where the "sees nothing a fresh sandbox would not show" claim matters. */
class BwrapStemCellTest extends StemCellContract {
    @Override
    RuntimeConfig.SandboxMode mode() {
        return RuntimeConfig.SandboxMode.BWRAP;
    }

    @BeforeAll
    static void bubblewrapWorksHere() {
        BwrapSandboxInvokerTest.bubblewrapWorksHere();
    }
}
