package dev.gust.server;

import dev.gust.runtime.StemCellStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The stem-cell meters, read from the runtime's snapshot at each scrape: {@code gust_stem_cells{memory_mb,state}}
 * (ready, starting, target) and, per memory class, {@code gust_stem_cells_launched_total},
 * {@code gust_stem_cells_handed_over_total} and {@code gust_stem_cells_lost_total}. Scrapes may run
 * concurrently; each refresh replaces the whole gauge set.
 */
final class StemCellMeters {
    private final MeterRegistry registry;
    private final MultiGauge cells;
    // the counters read the latest snapshot of their memory class; held here, as Micrometer holds them weakly
    private final Map<Integer, StemCellStats> latest = new ConcurrentHashMap<>();

    StemCellMeters(MeterRegistry registry) {
        this.registry = registry;
        this.cells = MultiGauge.builder("gust.stem.cells")
                .description("stem cells by memory class and state: ready, starting, and the target the node keeps")
                .register(registry);
    }

    void refresh(List<StemCellStats> snapshot) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (StemCellStats s : snapshot) {
            if (latest.put(s.memoryMb(), s) == null) {
                registerCounters(s.memoryMb());
            }
            rows.add(row(s, "ready", s.ready()));
            rows.add(row(s, "starting", s.starting()));
            rows.add(row(s, "target", s.target()));
        }
        cells.register(rows, true);
    }

    private static MultiGauge.Row<?> row(StemCellStats s, String state, int value) {
        return MultiGauge.Row.of(Tags.of("memory_mb", Integer.toString(s.memoryMb()), "state", state), value);
    }

    private void registerCounters(int memoryMb) {
        counter(memoryMb, "gust.stem.cells.launched", "stem cells started since the node started",
                StemCellStats::launched);
        counter(memoryMb, "gust.stem.cells.handed.over", "stem cells that became a function's instance",
                StemCellStats::handedOver);
        counter(memoryMb, "gust.stem.cells.lost", "stem cells that died or were stopped before being handed a function",
                StemCellStats::lost);
    }

    private void counter(int memoryMb, String name, String description, ToLongFunction<StemCellStats> value) {
        FunctionCounter.builder(name, latest, m -> value.applyAsLong(m.get(memoryMb)))
                .description(description)
                .tags("memory_mb", Integer.toString(memoryMb))
                .register(registry);
    }
}
