package dev.gust.gateway;

import dev.gust.store.IdempotencyStore;
import dev.gust.store.IdempotencyStore.StoredResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for routed requests: claims the key (committed) before the first run,
 * stores its reply, and answers repeats from the store. Repeated response headers (two
 * {@code Set-Cookie}s) are kept as their last value. Thread-safe.
 */
final class IdempotentReplies {
    static final String HEADER = "Idempotency-Key";
    static final Duration WINDOW = Duration.ofHours(24);
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore keys;
    private final InstantSource clock;
    private final ResponseMapper responses;

    IdempotentReplies(IdempotencyStore keys, InstantSource clock, ResponseMapper responses) {
        this.keys = keys;
        this.clock = clock;
        this.responses = responses;
    }

    /** What to answer: the reply, the invocation it is for, and whether this request ran it cold. */
    record Answer(Reply reply, String invocationId, boolean coldStart) {
    }

    /** Runs {@code first} once per key and function; answers repeats with its stored reply. */
    Answer answer(String function, String key, String id, Supplier<Answer> first) {
        if (!VALID.matcher(key).matches()) {
            return new Answer(responses.error(400, "InvalidRequest",
                    HEADER + ": must be 1..255 printable ASCII characters", Optional.empty()), id, false);
        }
        return switch (keys.claim(function, key, id, clock.instant(), WINDOW)) {
            case IdempotencyStore.Claim.Running r -> new Answer(responses.error(409, "IdempotencyConflict",
                    "a request with " + HEADER + " " + key + " for " + function + " is still running (invocation "
                            + r.invocationId() + "); repeat it once that one has finished", Optional.empty()),
                    r.invocationId(), false);
            case IdempotencyStore.Claim.Done d -> new Answer(replay(d.response()), d.response().invocationId(), false);
            case IdempotencyStore.Claim.Claimed c -> firstRun(function, key, first);
        };
    }

    private Answer firstRun(String function, String key, Supplier<Answer> first) {
        Answer a;
        try {
            a = first.get();
        } catch (RuntimeException e) {
            keys.release(function, key);
            throw e;
        }
        if (a.reply().status() == 500 || a.reply().body().length > IdempotencyStore.MAX_BODY_BYTES) {
            keys.release(function, key); // the node failed, not the function: let a repeat run
        } else {
            keys.complete(function, key, stored(a));
        }
        return a;
    }

    private static StoredResponse stored(Answer a) {
        Map<String, String> headers = new LinkedHashMap<>();
        a.reply().headers().forEach(h -> headers.put(h.name(), h.value()));
        String type = headers.getOrDefault("Content-Type", "application/json");
        return new StoredResponse(a.invocationId(), a.reply().status(), type, a.reply().body(), headers);
    }

    private static Reply replay(StoredResponse r) {
        List<Reply.Header> headers = new ArrayList<>();
        r.headers().forEach((k, v) -> headers.add(new Reply.Header(k, v)));
        headers.add(new Reply.Header("Gust-Idempotent-Replay", "true"));
        return new Reply(r.status(), headers, r.body());
    }
}
