package dev.gust.store.sqlite;

import static dev.gust.store.sqlite.WorkflowFixtures.deploy;
import static dev.gust.store.sqlite.WorkflowFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.store.Execution.Finish;
import dev.gust.store.Execution.Status;
import dev.gust.store.Store;
import dev.gust.store.TaskToken;
import dev.gust.store.TaskToken.Outcome;
import dev.gust.store.WorkflowStore;
import dev.gust.store.WorkflowStore.Checkpoint;
import dev.gust.store.WorkflowStore.Timer;
import dev.gust.store.WorkflowStore.TokenResult;
import dev.gust.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task tokens of the callback pattern: completed once, whoever tries, heartbeats, timeouts. */
class SqliteTaskTokensTest {
    @TempDir
    Path dir;
    private final ManualClock clock = ManualClock.atEpochOfTests();
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("gust.db"), clock);
        deploy(store, clock.instant());
        started(store, "ex-1", clock.instant());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private WorkflowStore workflows() {
        return store.workflows();
    }

    private void issue(String token, Optional<Instant> heartbeatDeadline) {
        workflows().issueToken("ex-1", new TaskToken.Issue(token, "Approve", 0, heartbeatDeadline));
    }

    @Test
    void issueToken_thenToken_isOpen_withEveryField() {
        Instant deadline = clock.instant().plusSeconds(30);

        workflows().issueToken("ex-1", new TaskToken.Issue("tok-1", "Approve", 2, Optional.of(deadline)));

        assertThat(workflows().token("tok-1")).contains(new TaskToken("tok-1", "ex-1", "Approve", 2,
                Optional.of(deadline), Optional.empty(), Optional.empty()));
    }

    @Test
    void completeToken_isAccepted_andAddsATimerThatWakesTheExecution() {
        issue("tok-1", Optional.empty());
        clock.advance(Duration.ofSeconds(5));

        TokenResult result = workflows().completeToken("tok-1", new Outcome.Success("{\"ok\":true}"), clock.instant());

        assertThat(result).isInstanceOfSatisfying(TokenResult.Accepted.class, a -> {
            assertThat(a.token().completedAt()).contains(clock.instant());
            assertThat(a.token().outcome()).contains(new Outcome.Success("{\"ok\":true}"));
        });
        assertThat(workflows().leaseDue(clock.instant(), Duration.ofMinutes(1), 10)).containsExactly(new Timer(
                WorkflowStore.TOKEN_COMPLETED + "/tok-1", "ex-1", clock.instant(), WorkflowStore.TOKEN_COMPLETED, "tok-1"));
    }

    @Test
    void completeToken_aSecondTime_isAlreadyCompleted_keepingTheFirstOutcome() {
        issue("tok-1", Optional.empty());
        workflows().completeToken("tok-1", new Outcome.Failure("Rejected", "no budget"), clock.instant());

        TokenResult again = workflows().completeToken("tok-1", new Outcome.Success("{}"), clock.instant());

        assertThat(again).isInstanceOfSatisfying(TokenResult.AlreadyCompleted.class, a ->
                assertThat(a.token().outcome()).contains(new Outcome.Failure("Rejected", "no budget")));
        assertThat(workflows().token("tok-1").orElseThrow().outcome())
                .contains(new Outcome.Failure("Rejected", "no budget"));
    }

    @Test
    void completeToken_fromManyThreadsAtOnce_acceptsExactlyOne() throws Exception {
        issue("tok-1", Optional.empty());
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TokenResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String output = "{\"by\":" + i + "}";
                Callable<TokenResult> complete = () -> {
                    go.await();
                    return workflows().completeToken("tok-1", new Outcome.Success(output), clock.instant());
                };
                results.add(pool.submit(complete));
            }
            go.countDown();
            List<TokenResult> answers = new ArrayList<>();
            for (Future<TokenResult> f : results) {
                answers.add(f.get(30, TimeUnit.SECONDS));
            }

            List<TokenResult> accepted = answers.stream().filter(r -> r instanceof TokenResult.Accepted).toList();
            assertThat(accepted).hasSize(1);
            assertThat(answers).filteredOn(r -> r instanceof TokenResult.AlreadyCompleted).hasSize(threads - 1);
            Outcome winner = ((TokenResult.Accepted) accepted.get(0)).token().outcome().orElseThrow();
            assertThat(workflows().token("tok-1").orElseThrow().outcome()).contains(winner);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void completeToken_ofAnUnknownToken_isNotFound() {
        assertThat(workflows().completeToken("nope", new Outcome.Success("{}"), clock.instant()))
                .isEqualTo(new TokenResult.NotFound("nope"));
        assertThat(workflows().heartbeat("nope", clock.instant())).isEqualTo(new TokenResult.NotFound("nope"));
    }

    @Test
    void completeToken_ofAFinishedExecution_isExecutionClosed_andChangesNothing() {
        issue("tok-1", Optional.empty());
        workflows().finish("ex-1", Finish.failed(Status.ABORTED, "Stopped", "by the operator", clock.instant()));

        TokenResult late = workflows().completeToken("tok-1", new Outcome.Success("{}"), clock.instant());

        assertThat(late).isInstanceOfSatisfying(TokenResult.ExecutionClosed.class,
                c -> assertThat(c.status()).isEqualTo(Status.ABORTED));
        assertThat(workflows().token("tok-1").orElseThrow().isOpen()).isTrue();
        assertThat(workflows().timers("ex-1")).isEmpty();
    }

    @Test
    void completeToken_withOutputThatIsNotJson_isRefused_andTheTokenStaysOpen() {
        issue("tok-1", Optional.empty());

        assertThatThrownBy(() -> workflows().completeToken("tok-1", new Outcome.Success("ok"), clock.instant()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome.output: must be JSON text");
        assertThat(workflows().token("tok-1").orElseThrow().isOpen()).isTrue();
    }

    @Test
    void heartbeat_movesTheDeadline_soTheTokenIsNotExpired() {
        Instant deadline = clock.instant().plusSeconds(30);
        issue("tok-1", Optional.of(deadline));

        TokenResult beat = workflows().heartbeat("tok-1", deadline.plusSeconds(30));

        assertThat(beat).isInstanceOfSatisfying(TokenResult.Accepted.class,
                a -> assertThat(a.token().heartbeatDeadline()).contains(deadline.plusSeconds(30)));
        assertThat(workflows().expiredTokens(deadline, 10)).isEmpty();
        assertThat(workflows().expiredTokens(deadline.plusSeconds(30), 10)).extracting(TaskToken::token)
                .containsExactly("tok-1");
    }

    @Test
    void expiredTokens_withoutATime_isRefusedNamingIt() {
        assertThatThrownBy(() -> workflows().expiredTokens(null, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("now: must be present, was null");
    }

    @Test
    void heartbeat_ofACompletedToken_isAlreadyCompleted() {
        issue("tok-1", Optional.of(clock.instant().plusSeconds(30)));
        workflows().completeToken("tok-1", new Outcome.Success("{}"), clock.instant());

        assertThat(workflows().heartbeat("tok-1", clock.instant().plusSeconds(60)))
                .isInstanceOf(TokenResult.AlreadyCompleted.class);
    }

    @Test
    void expiredTokens_leavesOutCompletedTokens_tokensWithoutDeadline_andFinishedExecutions() {
        Instant deadline = clock.instant().plusSeconds(30);
        issue("expired", Optional.of(deadline));
        issue("completed", Optional.of(deadline));
        issue("forever", Optional.empty());
        workflows().completeToken("completed", new Outcome.Success("{}"), clock.instant());
        started(store, "ex-2", clock.instant());
        workflows().issueToken("ex-2", new TaskToken.Issue("closed", "Approve", 0, Optional.of(deadline)));
        workflows().finish("ex-2", Finish.succeeded("{}", clock.instant()));

        assertThat(workflows().expiredTokens(deadline, 10)).extracting(TaskToken::token).containsExactly("expired");
    }

    @Test
    void issueToken_twice_orForAFinishedOrUnknownExecution_isRefused() {
        issue("tok-1", Optional.empty());
        started(store, "ex-2", clock.instant());
        workflows().finish("ex-2", Finish.succeeded("{}", clock.instant()));

        assertThatThrownBy(() -> issue("tok-1", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tok-1 was already issued");
        assertThatThrownBy(() -> workflows().issueToken("ex-2", new TaskToken.Issue("t2", "A", 0, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ex-2 has finished (SUCCEEDED)");
        assertThatThrownBy(() -> workflows().issueToken("nope", new TaskToken.Issue("t3", "A", -1, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issue.attempt: must be at least 0");
        assertThat(workflows().token("t2")).isEmpty();
    }

    @Test
    void tokenIssuedInACheckpoint_survivesAReopen() {
        workflows().append("ex-1", 2, Checkpoint.of(WorkflowFixtures.entered("Approve", clock.instant()))
                .issueToken(new TaskToken.Issue("tok-1", "Approve", 0, Optional.empty())));

        store.close();
        store = SqliteStore.open(dir.resolve("gust.db"), clock);

        assertThat(workflows().completeToken("tok-1", new Outcome.Success("{}"), clock.instant()))
                .isInstanceOf(TokenResult.Accepted.class);
    }
}
