package dev.gust.manifest;

import java.util.List;
import java.util.Optional;

/** Reads {@code async}: retries, maximum event age and destinations of async invocations. */
final class AsyncReader {
    static final List<String> KEYS = List.of("max-retries", "max-event-age", "on-success", "on-failure");

    private AsyncReader() {
    }

    /** @param self the function's own name, which a destination may not be: it would loop */
    static Optional<FunctionManifest.Async> read(Field f, String self) {
        return f.mapping("a mapping of " + String.join(", ", KEYS)).flatMap(m -> read(new Keys(f, m, KEYS), self));
    }

    private static Optional<FunctionManifest.Async> read(Keys keys, String self) {
        var retries = keys.optional("max-retries", ManifestLimits.DEFAULT_MAX_RETRIES,
                Rules.wholeNumber(0, ManifestLimits.MAX_RETRIES_LIMIT, ""));
        var age = keys.optional("max-event-age", ManifestLimits.DEFAULT_MAX_EVENT_AGE,
                Rules.duration(ManifestLimits.MIN_EVENT_AGE, ManifestLimits.MAX_EVENT_AGE));
        var onSuccess = keys.optional("on-success", Optional.<String>empty(), f -> destination(f, self));
        var onFailure = keys.optional("on-failure", Optional.<String>empty(), f -> destination(f, self));
        if (retries.isEmpty() || age.isEmpty() || onSuccess.isEmpty() || onFailure.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FunctionManifest.Async(retries.get(), age.get(), onSuccess.get(), onFailure.get()));
    }

    /** A destination names a function; queues come later. */
    private static Optional<Optional<String>> destination(Field f, String self) {
        return f.text("a function name").flatMap(name -> {
            if (!Rules.isName(name)) {
                return f.fail(Rules.notAName(Texts.quote(name)));
            }
            return name.equals(self)
                    ? f.fail("must name another function; sending " + self + "'s results to itself would never end")
                    : Optional.of(Optional.of(name));
        });
    }
}
