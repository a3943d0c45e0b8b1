package dev.gust.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.store.ColdStart;
import dev.gust.store.InvocationRecord;
import dev.gust.store.LogLine;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class RoundTripPropertiesTest {
    private static final AtomicLong TRIES = new AtomicLong();
    private static Path dir;
    private static Store store;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("gust-store-props");
        store = SqliteStore.open(dir.resolve("gust.db"), ManualClock.atEpochOfTests());
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 300)
    void anyRecord_roundTripsUnchanged(@ForAll("records") InvocationRecord r) {
        store.invocations().record(r);

        assertThat(store.invocations().get(r.id())).contains(r);
    }

    @Property(tries = 200)
    void anyLogLine_roundTripsUnchanged(@ForAll("lines") LogLine generated) {
        // the store outlives the tries: a unique invocation id keeps earlier tries' lines out of the read
        LogLine line = new LogLine(generated.time(), generated.function(), generated.version(),
                generated.invocationId() + "#" + TRIES.incrementAndGet(), generated.instanceId(), generated.stream(),
                generated.message(), generated.traceId(), generated.correlationId());
        store.logs().append(line);

        assertThat(store.logs().read(line.function(), Optional.of(line.invocationId()), Optional.empty(), 1))
                .containsExactly(line);
    }

    @Provide
    Arbitrary<InvocationRecord> records() {
        return Builders.withBuilder(() -> new Object[18])
                .use(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40)).in((a, v) -> set(a, 0, v))
                .use(text()).in((a, v) -> set(a, 1, v))
                .use(Arbitraries.integers()).in((a, v) -> set(a, 2, v))
                .use(text()).in((a, v) -> set(a, 3, v))
                .use(instants()).in((a, v) -> set(a, 4, v))
                .use(durations()).in((a, v) -> set(a, 5, v))
                .use(Arbitraries.longs()).in((a, v) -> set(a, 6, v))
                .use(durations().optional()).in((a, v) -> set(a, 7, v))
                .use(Arbitraries.integers()).in((a, v) -> set(a, 8, v))
                .use(Arbitraries.of(InvocationRecord.Status.class)).in((a, v) -> set(a, 9, v))
                .use(text().optional()).in((a, v) -> set(a, 10, v))
                .use(text().optional()).in((a, v) -> set(a, 11, v))
                .use(text().optional()).in((a, v) -> set(a, 12, v))
                .use(text()).in((a, v) -> set(a, 13, v))
                .use(text()).in((a, v) -> set(a, 14, v))
                .use(text().optional()).in((a, v) -> set(a, 15, v))
                .use(text()).in((a, v) -> set(a, 16, v))
                .use(coldStarts().optional()).in((a, v) -> set(a, 17, v))
                .build(RoundTripPropertiesTest::record);
    }

    @Provide
    Arbitrary<LogLine> lines() {
        return net.jqwik.api.Combinators.combine(instants(), text(), Arbitraries.integers(),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30), text(), text(), text(), text())
                .as((t, fn, v, inv, inst, stream, msg, trace) -> new LogLine(t, fn, v, inv, inst, stream, msg, trace, "c"));
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    @SuppressWarnings("unchecked")
    private static InvocationRecord record(Object[] a) {
        return new InvocationRecord((String) a[0], (String) a[1], (int) a[2], (String) a[3], (Instant) a[4],
                (Duration) a[5], (long) a[6], (Optional<Duration>) a[7], (int) a[8], (InvocationRecord.Status) a[9],
                (Optional<String>) a[10], (Optional<String>) a[11], (Optional<String>) a[12], (String) a[13],
                (String) a[14], (Optional<String>) a[15], (String) a[16], (Optional<ColdStart>) a[17]);
    }

    /** Any text a function may produce that is valid Unicode, including empty, quotes, NUL and emoji. */
    private static Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(60);
        Arbitrary<String> tricky = Arbitraries.of("", "'", "\"; DROP TABLE invocations; --", "a\u0000b", "😀 ✓ ü",
                " ", "%", "_");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, plain), net.jqwik.api.Tuple.of(1, tricky));
    }

    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-9_000_000_000_000_000_000L, 9_000_000_000_000_000_000L)
                .map(Columns::instant);
    }

    private static Arbitrary<ColdStart> coldStarts() {
        return Builders.withBuilder(() -> new Object[8])
                .use(Arbitraries.of(ColdStart.Mode.class)).in((a, v) -> set(a, 0, v))
                .use(Arbitraries.of(ColdStart.Reason.class)).in((a, v) -> set(a, 1, v))
                .use(durations()).in((a, v) -> set(a, 2, v))
                .use(durations()).in((a, v) -> set(a, 3, v))
                .use(durations()).in((a, v) -> set(a, 4, v))
                .use(durations()).in((a, v) -> set(a, 5, v))
                .use(durations()).in((a, v) -> set(a, 6, v))
                .use(durations()).in((a, v) -> set(a, 7, v))
                .build(a -> new ColdStart((ColdStart.Mode) a[0], (ColdStart.Reason) a[1], (Duration) a[2],
                        (Duration) a[3], (Duration) a[4], (Duration) a[5], (Duration) a[6], (Duration) a[7]));
    }

    private static Arbitrary<Duration> durations() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE).map(Duration::ofNanos);
    }
}
