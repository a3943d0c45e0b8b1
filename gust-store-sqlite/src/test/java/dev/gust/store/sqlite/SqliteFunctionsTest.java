package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.Fixtures.spec;
import static dev.gust.store.sqlite.Fixtures.withMemory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.FunctionSpec;
import dev.gust.store.FunctionStore.Published;
import dev.gust.store.FunctionVersion;
import dev.gust.store.GustStoreException;
import dev.gust.store.Store;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFunctionsTest {
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Path file;
    private Store store;

    @BeforeEach
    void open() {
        file = dir.resolve("gust.db");
        store = SqliteStore.open(file, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void publish_ofNewFunction_createsVersionOne() {
        List<Published> out = store.functions().publish("shop", List.of(spec("hello")));

        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.isNew()).isTrue();
            assertThat(p.version()).isEqualTo(new FunctionVersion("shop", 1, spec("hello"), clock.instant()));
        });
        assertThat(store.functions().current("hello")).contains(out.get(0).version());
    }

    @Test
    void publish_ofIdenticalSpec_isNotNew_andKeepsTheVersion() {
        store.functions().publish("shop", List.of(spec("hello")));
        clock.advance(Duration.ofMinutes(1));

        Published again = store.functions().publish("shop", List.of(spec("hello"))).get(0);

        assertThat(again.isNew()).isFalse();
        assertThat(again.version().version()).isEqualTo(1);
        assertThat(again.version().createdAt()).isEqualTo(Fixtures.T0);
    }

    @Test
    void publish_ofChangedSpec_makesTheNextVersionCurrent_andKeepsTheOldOne() {
        store.functions().publish("shop", List.of(spec("hello")));

        Published changed = store.functions().publish("shop", List.of(withMemory(spec("hello"), 1024))).get(0);

        assertThat(changed.isNew()).isTrue();
        assertThat(changed.version().version()).isEqualTo(2);
        assertThat(store.functions().current("hello").orElseThrow().spec().memoryMb()).isEqualTo(1024);
        assertThat(store.functions().version("hello", 1).orElseThrow().spec()).isEqualTo(spec("hello"));
    }

    @Test
    void publish_ofSpecWithSampleEvent_readsItBack_andANewEventIsANewVersion() {
        String event = "{\"version\":\"2.0\",\"rawPath\":\"/hello\"}";
        store.functions().publish("shop", List.of(withSampleEvent(spec("hello"), Optional.of(event))));

        Published changed = store.functions().publish("shop",
                List.of(withSampleEvent(spec("hello"), Optional.of("{\"name\":\"Ada\"}")))).get(0);

        assertThat(store.functions().version("hello", 1).orElseThrow().spec().sampleEvent()).contains(event);
        assertThat(changed.isNew()).isTrue();
        assertThat(store.functions().current("hello").orElseThrow().spec().sampleEvent()).contains("{\"name\":\"Ada\"}");
    }

    @Test
    void publish_ofSpecWithoutSampleEvent_readsBackEmpty() {
        store.functions().publish("shop", List.of(spec("hello")));

        assertThat(store.functions().current("hello").orElseThrow().spec().sampleEvent()).isEmpty();
    }

    private static FunctionSpec withSampleEvent(FunctionSpec s, Optional<String> event) {
        return new FunctionSpec(s.name(), s.runtime(), s.handler(), s.codeSha256(), s.memoryMb(), s.timeout(),
                s.concurrency(), s.environment(), s.network(), s.routes(), s.async(), event);
    }

    @Test
    void publish_ofSameSpecByAnotherApp_isANewVersion() {
        store.functions().publish("shop", List.of(spec("hello")));

        Published moved = store.functions().publish("blog", List.of(spec("hello"))).get(0);

        assertThat(moved.isNew()).isTrue();
        assertThat(moved.version().app()).isEqualTo("blog");
        assertThat(moved.version().version()).isEqualTo(2);
    }

    @Test
    void publish_ofTwoFunctions_publishesBoth_andLeavesOthersAlone() {
        store.functions().publish("other", List.of(spec("elsewhere")));

        List<Published> out = store.functions().publish("shop", List.of(spec("a"), spec("b")));

        assertThat(out).extracting(p -> p.version().key()).containsExactly("a:1", "b:1");
        assertThat(store.functions().list()).extracting(FunctionVersion::name).containsExactly("a", "b", "elsewhere");
    }

    @Test
    void publish_whenAWriteFailsMidway_rollsBackEverySpec() throws SQLException {
        store.functions().publish("shop", List.of(spec("a")));
        refuseVersionsOf("b");

        assertThatThrownBy(() -> store.functions().publish("shop", List.of(withMemory(spec("a"), 2048), spec("b"))))
                .isInstanceOf(GustStoreException.class).hasMessageContaining("refused by test");

        assertThat(store.functions().current("a").orElseThrow().version()).isEqualTo(1);
        assertThat(store.functions().version("a", 2)).isEmpty();
        assertThat(store.functions().current("b")).isEmpty();
        assertThat(store.functions().list()).hasSize(1);
    }

    @Test
    void publish_ofInvalidSpecs_namesEveryProblem_andChangesNothing() {
        FunctionSpec bad = new FunctionSpec("", "java21", "h", Fixtures.SHA, 64, Duration.ZERO,
                new FunctionSpec.Concurrency(3, 1, 0), Map.of(), true, List.of(),
                new FunctionSpec.Async(11, Duration.ofSeconds(1), Optional.empty(), Optional.empty()));

        assertThatThrownBy(() -> store.functions().publish("shop", List.of(spec("ok"), bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("specs[1].name: must not be blank")
                .hasMessageContaining("specs[1].memoryMb: must be 128..10240, was 64")
                .hasMessageContaining("specs[1].timeout: must be positive")
                .hasMessageContaining("specs[1].concurrency: must have 0 <= min <= max")
                .hasMessageContaining("specs[1].async.maxRetries: must be 0..10, was 11")
                .hasMessageContaining("specs[1].async.maxEventAge: must be 60s..6h");
        assertThat(store.functions().list()).isEmpty();
    }

    @Test
    void publish_ofOneNameTwice_isRefused() {
        assertThatThrownBy(() -> store.functions().publish("shop", List.of(spec("a"), spec("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("specs[1].name: a appears more than once");
        assertThatThrownBy(() -> store.functions().publish(" ", List.of()))
                .hasMessageContaining("app: must not be blank");
    }

    @Test
    void version_andCurrent_ofUnknownFunction_areEmpty() {
        assertThat(store.functions().current("nope")).isEmpty();
        assertThat(store.functions().version("nope", 1)).isEmpty();
        store.functions().publish("shop", List.of(spec("a")));
        assertThat(store.functions().version("a", 2)).isEmpty();
        assertThat(store.functions().version("a", 0)).isEmpty();
    }

    @Test
    void delete_removesTheFunctionAndEveryVersion() throws SQLException {
        store.functions().publish("shop", List.of(spec("a")));
        store.functions().publish("shop", List.of(withMemory(spec("a"), 512)));

        assertThat(store.functions().delete("a")).isTrue();

        assertThat(store.functions().delete("a")).isFalse();
        assertThat(store.functions().current("a")).isEmpty();
        assertThat(store.functions().version("a", 1)).isEmpty();
        assertThat(countRows("function_versions")).as("cascaded by the foreign key").isZero();
    }

    @Test
    void publish_afterDelete_startsNumberingAgain() {
        store.functions().publish("shop", List.of(spec("a")));
        store.functions().publish("shop", List.of(withMemory(spec("a"), 512)));
        store.functions().delete("a");

        assertThat(store.functions().publish("shop", List.of(spec("a"))).get(0).version().version()).isEqualTo(1);
    }

    @Test
    void publish_afterRevertingToAnOlderSpec_neverReusesANumber() {
        store.functions().publish("shop", List.of(spec("a")));
        store.functions().publish("shop", List.of(withMemory(spec("a"), 512)));

        Published back = store.functions().publish("shop", List.of(spec("a"))).get(0);

        assertThat(back.isNew()).isTrue();
        assertThat(back.version().version()).isEqualTo(3);
    }

    @Test
    void functions_surviveReopening_withEveryFieldIntact() {
        FunctionSpec odd = new FunctionSpec("odd", "python3.12", "app.main", Fixtures.SHA, 10240,
                Duration.ofMillis(1500).plusNanos(7), new FunctionSpec.Concurrency(2, 3, 4),
                Map.of("QUOTE", "\"x\"", "EMPTY", "", "UNICODE", "ünï ✓"), false, List.of("ANY /z", "GET /a"),
                new FunctionSpec.Async(0, Duration.ofSeconds(61), Optional.of(FunctionSpec.Destination.function("ok-sink")),
                        Optional.of(FunctionSpec.Destination.queue("dlq_Queue"))));
        store.functions().publish("shop", List.of(odd));
        store.close();

        store = SqliteStore.open(file, clock);

        assertThat(store.functions().current("odd").orElseThrow().spec()).isEqualTo(odd);
        assertThat(store.functions().publish("shop", List.of(odd)).get(0).isNew()).isFalse();
    }

    private void refuseVersionsOf(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER refuse_" + name + " BEFORE INSERT ON function_versions WHEN NEW.function = '"
                    + name + "' BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
        }
    }

    private long countRows(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
