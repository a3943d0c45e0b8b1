package dev.gust.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** Stem cells in bubblewrap: where the "sees nothing a fresh sandbox would not show" claim matters. */
class BwrapStemCellTest extends StemCellContract {
    @Override
    RuntimeConfig.SandboxMode mode() {
        return RuntimeConfig.SandboxMode.BWRAP;
    }

    @BeforeAll
    static void bubblewrapWorksHere() {
        var broken = Sandboxes.probe(Sandboxes.findOnPath("bwrap"));
        assumeTrue(broken.isEmpty(), () -> "bubblewrap is unusable here: " + broken.orElse(""));
    }
}
