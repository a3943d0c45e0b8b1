package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.gust.runtime.Invocation;
import dev.gust.runtime.Invoker;
import dev.gust.runtime.Outcome;
import dev.gust.runtime.RuntimeConfig;
import dev.gust.runtime.RuntimeConfig.SandboxMode;
import dev.gust.runtime.StemCellStats;
import dev.gust.store.ColdStart;
import dev.gust.store.ColdStart.Mode;
import dev.gust.store.ColdStart.Reason;
import dev.gust.store.InvocationRecord;
import dev.gust.testing.InMemoryStore;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's metrics over a real runtime with no functions: the invocations are fed as the runtime
 * will hand them over, carrying cold-start breakdowns it does not produce yet.
 */
class MetricsTest {
    private static final ColdStart STEM_KEEP_ALIVE = new ColdStart(Mode.STEM_CELL, Reason.KEEP_ALIVE,
            Duration.ofNanos(100_000), Duration.ZERO, Duration.ZERO, Duration.ofNanos(3_200_000),
            Duration.ofMillis(1), Duration.ofNanos(400_000));
    private static final ColdStart PLAIN_NEW = new ColdStart(Mode.PLAIN, Reason.NEW_VERSION, Duration.ZERO,
            Duration.ofMillis(20), Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(15), Duration.ofMillis(5));

    @TempDir
    Path data;
    private ScheduledExecutorService scheduler;
    private Invoker runtime;
    private Metrics metrics;

    @BeforeEach
    void start() {
        ManualClock clock = ManualClock.atEpochOfTests();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        runtime = Invoker.create(RuntimeConfig.builder().dataDir(data).sandbox(SandboxMode.PROCESS)
                .workerClasspath(List.of()).codeDirectory(sha -> data.resolve(sha)).store(new InMemoryStore(clock))
                .clock(clock).scheduler(scheduler).build());
        metrics = new Metrics(runtime);
    }

    @AfterEach
    void stop() {
        runtime.shutdown(Duration.ofSeconds(5));
        scheduler.shutdownNow();
    }

    @Test
    void record_ofColdStartsWithBreakdowns_countsThemByFunctionModeAndReason() {
        metrics.record(invocation("hello", true, Optional.of(STEM_KEEP_ALIVE)));
        metrics.record(invocation("hello", true, Optional.of(STEM_KEEP_ALIVE)));
        metrics.record(invocation("hello", true, Optional.of(PLAIN_NEW)));
        metrics.record(invocation("other", true, Optional.of(PLAIN_NEW)));

        String scrape = metrics.scrape();

        assertThat(sample(scrape, "gust_cold_starts_total{function=\"hello\",mode=\"stem_cell\",reason=\"keep_alive\"}"))
                .hasValue(2.0);
        assertThat(sample(scrape, "gust_cold_starts_total{function=\"hello\",mode=\"plain\",reason=\"new_version\"}"))
                .hasValue(1.0);
        assertThat(sample(scrape, "gust_cold_starts_total{function=\"other\",mode=\"plain\",reason=\"new_version\"}"))
                .hasValue(1.0);
        var hello = metrics.coldStarts("hello");
        assertThat(hello.get("total")).isEqualTo(3L);
        assertThat(hello.get("byMode")).isEqualTo(Map.of("PLAIN", 1L, "AOT", 0L, "STEM_CELL", 2L));
        assertThat(hello.get("byReason")).isEqualTo(Map.of("NEW_VERSION", 1L, "SCALE_OUT", 0L, "KEEP_ALIVE", 2L,
                "EVICTED", 0L, "CRASHED", 0L, "PREWARM", 0L));
    }

    @Test
    void record_ofWarmInvocation_countsNoColdStart() {
        metrics.record(invocation("hello", false, Optional.empty()));

        assertThat(metrics.coldStarts("hello").get("total")).isEqualTo(0L);
        assertThat(metrics.scrape()).doesNotContain("gust_cold_starts_total{");
    }

    @Test
    void record_ofColdStartWithoutBreakdown_countsItAsUnknown() {
        metrics.record(invocation("hello", true, Optional.empty()));

        assertThat(sample(metrics.scrape(),
                "gust_cold_starts_total{function=\"hello\",mode=\"unknown\",reason=\"unknown\"}")).hasValue(1.0);
        assertThat(metrics.coldStarts("hello")).containsEntry("total", 1L);
        assertThat(counts(metrics.coldStarts("hello"), "byReason")).containsEntry("UNKNOWN", 1L);
        assertThat(metrics.scrape()).doesNotContain("gust_cold_start_duration_seconds_count{mode=\"unknown\"");
    }

    @Test
    void coldStarts_ofFunctionNeverCold_listsEveryModeAndReasonAsZero_andNoUnknown() {
        var none = metrics.coldStarts("never");

        assertThat(none.get("total")).isEqualTo(0L);
        assertThat(counts(none, "byMode")).containsOnlyKeys("PLAIN", "AOT", "STEM_CELL");
        assertThat(counts(none, "byReason")).hasSize(Reason.values().length).doesNotContainKey("UNKNOWN");
    }

    @Test
    void scrape_showsColdStartDurationsByMode_andEachPhase() {
        metrics.record(invocation("hello", true, Optional.of(STEM_KEEP_ALIVE)));
        metrics.record(invocation("other", true, Optional.of(STEM_KEEP_ALIVE)));

        String scrape = metrics.scrape();

        assertThat(sample(scrape, "gust_cold_start_duration_seconds_count{mode=\"stem_cell\"}")).hasValue(2.0);
        assertThat(sample(scrape, "gust_cold_start_duration_seconds_sum{mode=\"stem_cell\"}").getAsDouble())
                .isCloseTo(2 * 0.0047, offset(1e-9));
        assertThat(sample(scrape, "gust_cold_start_phase_duration_seconds_sum{mode=\"stem_cell\",phase=\"hand_over\"}")
                .getAsDouble()).isCloseTo(2 * 0.0032, offset(1e-9));
        assertThat(scrape).contains("gust_cold_start_duration_seconds_bucket{mode=\"stem_cell\"");
    }

    @Test
    void scrape_readsStemCellsAtEachScrape() {
        var now = new AtomicReference<>(List.of(new StemCellStats(256, 2, 1, 3, 14, 12, 0)));
        metrics.stemCellsFrom(now::get);

        String first = metrics.scrape();
        now.set(List.of(new StemCellStats(256, 0, 3, 3, 17, 14, 1)));
        String second = metrics.scrape();

        assertThat(sample(first, "gust_stem_cells{memory_mb=\"256\",state=\"ready\"}")).hasValue(2.0);
        assertThat(sample(first, "gust_stem_cells{memory_mb=\"256\",state=\"target\"}")).hasValue(3.0);
        assertThat(sample(first, "gust_stem_cells_handed_over_total{memory_mb=\"256\"}")).hasValue(12.0);
        assertThat(sample(second, "gust_stem_cells{memory_mb=\"256\",state=\"ready\"}")).hasValue(0.0);
        assertThat(sample(second, "gust_stem_cells{memory_mb=\"256\",state=\"starting\"}")).hasValue(3.0);
        assertThat(sample(second, "gust_stem_cells_launched_total{memory_mb=\"256\"}")).hasValue(17.0);
        assertThat(sample(second, "gust_stem_cells_lost_total{memory_mb=\"256\"}")).hasValue(1.0);
        assertThat(metrics.stemCells()).isEqualTo(now.get());
    }

    @Test
    void stemCells_ofRuntimeWithStemCellsOff_isEmpty_andScrapesNoStemCellGauges() {
        assertThat(metrics.stemCells()).isEmpty();
        assertThat(metrics.scrape()).doesNotContain("gust_stem_cells{");
    }

    static Invocation invocation(String function, boolean cold, Optional<ColdStart> coldStart) {
        var record = new InvocationRecord("inv-" + function, function, 1, "api",
                ManualClock.atEpochOfTests().instant(), Duration.ofMillis(12), 12,
                cold ? Optional.of(Duration.ofMillis(5)) : Optional.empty(), 256, InvocationRecord.Status.SUCCESS,
                Optional.empty(), Optional.empty(), Optional.of("i-1"), "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", Optional.empty(), "corr", coldStart);
        return new Invocation(record, new Outcome.Success("{}".getBytes()), cold);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> counts(Map<String, Object> view, String key) {
        return (Map<String, Long>) view.get(key);
    }

    /** @return the value of the sample whose name and labels are exactly {@code series}, if scraped */
    static OptionalDouble sample(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst();
    }
}
