package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One rule of a Choice state (without its {@code Next}): a Boolean combination or a test of the
 * value at a {@code Variable} path. Built by {@link ChoiceRules#parse}, evaluated by
 * {@link ChoiceRules#evaluate}.
 */
public sealed interface ChoiceRule permits ChoiceRule.And, ChoiceRule.Or, ChoiceRule.Not,
        ChoiceRule.Comparison, ChoiceRule.TypeTest {

    /** True when every one of its rules is. */
    record And(List<ChoiceRule> rules) implements ChoiceRule {
        public And {
            rules = List.copyOf(rules);
        }
    }

    /** True when any one of its rules is. */
    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }
    }

    /** True when its rule is not. */
    record Not(ChoiceRule rule) implements ChoiceRule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * A comparison of the value at {@code variable} with a literal or with the value at a path.
     *
     * @param variable the Path of the value compared
     * @param operator which comparison, e.g. {@link ChoiceOperator#NUMERIC_LESS_THAN}
     * @param operand what it is compared with
     */
    record Comparison(String variable, ChoiceOperator operator, Operand operand) implements ChoiceRule {
        public Comparison {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
        }
    }

    /**
     * A type test, e.g. {@code "IsNumeric": true}; {@code expected} false inverts it.
     *
     * @param variable the Path of the value tested
     * @param test which test
     * @param expected the test's boolean operand
     */
    record TypeTest(String variable, Test test, boolean expected) implements ChoiceRule {
        public TypeTest {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(test, "test");
        }
    }

    /** The type tests, by their field names. */
    enum Test {
        IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp
    }

    /** What a comparison compares with: a literal ({@code NumericEquals}) or a path ({@code NumericEqualsPath}). */
    sealed interface Operand permits Literal, PathOperand {
    }

    /** @param value the literal as written */
    record Literal(JsonNode value) implements Operand {
        public Literal {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param path the Path whose value is the operand */
    record PathOperand(String path) implements Operand {
        public PathOperand {
            Objects.requireNonNull(path, "path");
        }
    }
}
