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
        var onSuccess = keys.optional("on-success", Optional.<FunctionManifest.Destination>empty(),
                f -> destination(f, self));
        var onFailure = keys.optional("on-failure", Optional.<FunctionManifest.Destination>empty(),
                f -> destination(f, self));
        if (retries.isEmpty() || age.isEmpty() || onSuccess.isEmpty() || onFailure.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FunctionManifest.Async(retries.get(), age.get(), onSuccess.get(), onFailure.get()));
    }

    /** A destination: a function's name, {@code {function: name}}, {@code {queue: name}} or {@code {workflow: name}}. */
    private static Optional<Optional<FunctionManifest.Destination>> destination(Field f, String self) {
        if (f.node() instanceof YamlNode.Mapping m) {
            if (m.entries().size() != 1) {
                return f.fail("must name exactly one of function, queue or workflow, like {queue: audits}");
            }
            var keys = new Keys(f, m, FunctionManifest.Destination.KINDS);
            if (m.entries().containsKey("queue")) {
                return keys.required("queue", "a queue name", Rules::queueName)
                        .map(q -> Optional.of(new FunctionManifest.Destination("queue", q)));
            }
            if (m.entries().containsKey("workflow")) {
                return keys.required("workflow", "a workflow name", AsyncReader::workflow);
            }
            return keys.required("function", "a function name", n -> function(n, self));
        }
        return function(f, self);
    }

    private static Optional<Optional<FunctionManifest.Destination>> workflow(Field f) {
        return f.text("a workflow name").flatMap(name -> Rules.isName(name)
                ? Optional.of(Optional.of(new FunctionManifest.Destination("workflow", name)))
                : f.fail(Rules.notAName(Texts.quote(name))));
    }

    private static Optional<Optional<FunctionManifest.Destination>> function(Field f, String self) {
        return f.text("a function name, {function: name} or {queue: name}").flatMap(name -> {
            if (!Rules.isName(name)) {
                return f.fail(Rules.notAName(Texts.quote(name)));
            }
            return name.equals(self)
                    ? f.fail("must name another function; sending " + self + "'s results to itself would never end")
                    : Optional.of(Optional.of(FunctionManifest.Destination.function(name)));
        });
    }
}
