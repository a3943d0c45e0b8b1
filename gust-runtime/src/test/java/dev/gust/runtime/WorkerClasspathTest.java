package dev.gust.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Finding the worker runtime among the node's class path. */
class WorkerClasspathTest {

    @Test
    void fromClassPath_keepsTheWorkerJarsAndItsDependenciesOnly() {
        String cp = String.join(":", "/m2/dev/gust/gust-worker-0.1.0-SNAPSHOT.jar", "/m2/gust-server-0.1.0.jar",
                "/m2/jackson-core-2.22.3.jar", "/m2/jackson-databind-2.22.3.jar", "/m2/jackson-annotations-2.22.jar",
                "/m2/jackson-dataformat-yaml-2.22.3.jar", "/m2/gust-sdk-0.1.0-SNAPSHOT.jar",
                "/m2/gust-protocol-0.1.0-SNAPSHOT.jar", "/m2/jetty-server-12.jar");

        assertThat(WorkerClasspath.fromClassPath(cp)).extracting(p -> p.getFileName().toString()).containsExactly(
                "gust-worker-0.1.0-SNAPSHOT.jar", "jackson-core-2.22.3.jar", "jackson-databind-2.22.3.jar",
                "jackson-annotations-2.22.jar", "gust-sdk-0.1.0-SNAPSHOT.jar", "gust-protocol-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void fromClassPath_acceptsModuleClassDirectoriesOfADevelopmentBuild() {
        String cp = "/src/gust-worker/target/classes:/src/gust-protocol/target/classes:/src/gust-runtime/target/classes";

        assertThat(WorkerClasspath.fromClassPath(cp)).containsExactly(Path.of("/src/gust-worker/target/classes"),
                Path.of("/src/gust-protocol/target/classes"));
    }

    @Test
    void fromClassPath_withoutTheWorker_saysWhatToAdd() {
        assertThatThrownBy(() -> WorkerClasspath.fromClassPath("/m2/jackson-core-2.22.3.jar"))
                .isInstanceOf(RuntimeSetupException.class)
                .hasMessageContaining("gust-worker is not on the class path")
                .hasMessageContaining("gust-worker/target/classes");
    }

    @Test
    void fromCurrentProcess_findsTheWorkerOfThisBuild() {
        assertThat(WorkerClasspath.fromCurrentProcess()).anyMatch(p -> p.toString().contains("gust-worker"));
    }
}
