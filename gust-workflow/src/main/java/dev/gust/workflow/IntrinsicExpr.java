package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed intrinsic function expression: a call whose arguments are literals, paths or calls. */
sealed interface IntrinsicExpr permits IntrinsicExpr.Literal, IntrinsicExpr.PathArg, IntrinsicExpr.Call {

    /**
     * A literal argument.
     *
     * @param value its JSON value
     * @param escapedText for a string literal, its text with the escape backslashes still in place
     *     (States.Format must tell an escaped {@code \{} from a placeholder); else empty
     */
    record Literal(JsonNode value, String escapedText) implements IntrinsicExpr {
    }

    /** A Path argument ({@code $...} or {@code $$...}). */
    record PathArg(String path) implements IntrinsicExpr {
    }

    /** A call of {@code States.<name>}. */
    record Call(String name, List<IntrinsicExpr> args) implements IntrinsicExpr {
        public Call {
            args = List.copyOf(args);
        }
    }
}
