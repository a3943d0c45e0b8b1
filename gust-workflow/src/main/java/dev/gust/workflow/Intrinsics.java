package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.workflow.IntrinsicExpr.Call;
import dev.gust.workflow.IntrinsicExpr.Literal;
import dev.gust.workflow.IntrinsicExpr.PathArg;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The intrinsic functions of the Amazon States Language ({@code States.Format(...)},
 * {@code States.ArrayPartition(...)}, ...), used in the {@code .$} fields of payload templates.
 *
 * <p>An instance holds the randomness behind {@code States.MathRandom} (without a seed) and
 * {@code States.UUID}; both must be safe to call from several threads, as the instance is.
 */
public final class Intrinsics {
    private final RandomGenerator random;
    private final Supplier<UUID> uuids;

    private Intrinsics(RandomGenerator random, Supplier<UUID> uuids) {
        this.random = random;
        this.uuids = uuids;
    }

    /**
     * @param random the randomness of {@code States.MathRandom} without a seed
     * @param uuids the source of {@code States.UUID}'s values (version 4 UUIDs)
     */
    public static Intrinsics create(RandomGenerator random, Supplier<UUID> uuids) {
        return new Intrinsics(Objects.requireNonNull(random, "random"), Objects.requireNonNull(uuids, "uuids"));
    }

    /** @return intrinsics with a {@link SecureRandom} and {@link UUID#randomUUID()} */
    public static Intrinsics standard() {
        return create(new SecureRandom(), UUID::randomUUID);
    }

    /** @return whether a {@code .$} field's value is an intrinsic call rather than a path */
    public static boolean isCall(String text) {
        return text.startsWith("States.");
    }

    /**
     * Checks an expression's syntax, function names, argument counts and paths.
     *
     * @return what is wrong with it; empty when it can be evaluated
     */
    public static Optional<String> check(String expression) {
        try {
            IntrinsicParser.parse(expression);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Evaluates an intrinsic call; its paths read {@code input} ({@code $...}) or {@code context}
     * ({@code $$...}).
     *
     * @throws WorkflowError {@code States.IntrinsicFailure} when the expression is malformed or an
     *     argument is missing, of the wrong type or out of range; {@code States.Runtime} when a path
     *     argument matches nothing
     */
    public JsonNode evaluate(String expression, JsonNode input, JsonNode context) {
        Call call;
        try {
            call = IntrinsicParser.parse(expression);
        } catch (IllegalArgumentException e) {
            throw WorkflowError.intrinsic("'" + expression + "': " + e.getMessage());
        }
        return evaluate(call, input, context);
    }

    private JsonNode evaluate(IntrinsicExpr expr, JsonNode input, JsonNode context) {
        return switch (expr) {
            case Literal literal -> literal.value();
            case PathArg path -> Paths.read(path.path(), input, context);
            case Call call -> apply(call, input, context);
        };
    }

    private JsonNode apply(Call call, JsonNode input, JsonNode context) {
        List<JsonNode> values = new ArrayList<>(call.args().size());
        for (IntrinsicExpr arg : call.args()) {
            values.add(evaluate(arg, input, context));
        }
        IntrinsicFunctions.Spec spec = IntrinsicFunctions.spec(call.name()).orElseThrow();
        return spec.body().apply(new IntrinsicArgs(call.name(), values), call, this);
    }

    RandomGenerator random() {
        return random;
    }

    UUID uuid() {
        return uuids.get();
    }
}
