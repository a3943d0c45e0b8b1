package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerProcessesTest {

    @Test
    void cpuNanos_ofThisProcess_isSomeCpuTime() {
        assertThat(WorkerProcesses.cpuNanos(ProcessHandle.current().pid())).hasValueSatisfying(n ->
                assertThat(n).isPositive());
    }

    @Test
    void cpuNanos_ofAProcessThatIsGone_isEmpty() {
        assertThat(WorkerProcesses.cpuNanos(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void cpuNanosBetween_countsAWorkerThatStartedInBetweenFromZero_andIgnoresOneThatStopped() {
        Map<Long, Long> before = Map.of(1L, 100L, 2L, 50L);
        Map<Long, Long> after = Map.of(1L, 160L, 3L, 30L);

        assertThat(WorkerProcesses.cpuNanosBetween(before, after)).isEqualTo(60 + 30);
    }
}
