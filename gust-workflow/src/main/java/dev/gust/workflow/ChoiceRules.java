package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gust.workflow.ChoiceRule.And;
import dev.gust.workflow.ChoiceRule.Comparison;
import dev.gust.workflow.ChoiceRule.Literal;
import dev.gust.workflow.ChoiceRule.Not;
import dev.gust.workflow.ChoiceRule.Or;
import dev.gust.workflow.ChoiceRule.PathOperand;
import dev.gust.workflow.ChoiceRule.Test;
import dev.gust.workflow.ChoiceRule.TypeTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Choice rules of the Amazon States Language: their validation ({@link #check}), their model
 * ({@link #parse}, {@link ChoiceRule}) and their evaluation against a state's input
 * ({@link #evaluate}). A comparison whose Variable (or operand path) matches nothing, or whose
 * values are not of the operator's type, is false; {@code IsPresent} tests presence itself.
 *
 * <p>Pure functions; any thread.
 */
public final class ChoiceRules {
    private static final Set<String> PLAIN_FIELDS = Set.of("Variable", "Next", "Comment");
    private static final String OPERATORS = "And, Or, Not, a comparison (StringEquals, NumericLessThan, "
            + "TimestampGreaterThanPath, ...) or a type test (IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp)";

    private ChoiceRules() {
    }

    /**
     * Checks one entry of a Choice state's {@code Choices} (a top-level rule, which must have
     * {@code Next}) or a nested rule of {@code And}/{@code Or}/{@code Not} (which must not).
     *
     * @param rule the rule as written
     * @param pointer where it is, e.g. {@code /States/Check/Choices/0}
     * @param topLevel whether it is an entry of {@code Choices}
     * @return every problem, each with its pointer; empty when the rule is valid
     */
    public static List<Problem> check(JsonNode rule, String pointer, boolean topLevel) {
        List<Problem> problems = new ArrayList<>();
        check(rule, pointer, topLevel, problems);
        return List.copyOf(problems);
    }

    private static void check(JsonNode rule, String pointer, boolean topLevel, List<Problem> problems) {
        if (rule == null || !rule.isObject()) {
            problems.add(new Problem(pointer, "a choice rule must be an object with exactly one of " + OPERATORS));
            return;
        }
        List<String> operators = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : rule.properties()) {
            if (isOperator(field.getKey())) {
                operators.add(field.getKey());
            } else if (!PLAIN_FIELDS.contains(field.getKey())) {
                problems.add(new Problem(pointer + "/" + escape(field.getKey()), "unknown field; a choice rule has Variable, "
                        + "Next (top level only), Comment and exactly one of " + OPERATORS));
            }
        }
        checkNext(rule, pointer, topLevel, problems);
        if (operators.size() != 1) {
            problems.add(new Problem(pointer, operators.isEmpty() ? "has no operator; a rule takes exactly one of " + OPERATORS
                    : "has " + operators.size() + " operators (" + String.join(", ", operators) + "); a rule takes exactly one"));
            return;
        }
        checkOperator(rule, operators.getFirst(), pointer, problems);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static boolean isOperator(String field) {
        return field.equals("And") || field.equals("Or") || field.equals("Not") || test(field).isPresent()
                || ChoiceOperator.byField(field).isPresent();
    }

    private static Optional<Test> test(String field) {
        return Arrays.stream(Test.values()).filter(t -> t.name().equals(field)).findFirst();
    }

    private static void checkNext(JsonNode rule, String pointer, boolean topLevel, List<Problem> problems) {
        JsonNode next = rule.get("Next");
        if (topLevel && (next == null || !next.isTextual() || next.textValue().isEmpty())) {
            problems.add(new Problem(pointer + "/Next", "a rule of Choices needs Next, the name of the state to go to"));
        } else if (!topLevel && next != null) {
            problems.add(new Problem(pointer + "/Next", "a rule inside And, Or or Not has no Next; only the rules of Choices do"));
        }
    }

    private static void checkOperator(JsonNode rule, String operator, String pointer, List<Problem> problems) {
        String at = pointer + "/" + operator;
        JsonNode operand = rule.get(operator);
        switch (operator) {
            case "And", "Or" -> checkCombination(rule, operand, at, problems);
            case "Not" -> {
                noVariable(rule, pointer, operator, problems);
                check(operand, at, false, problems);
            }
            default -> {
                checkVariable(rule, pointer, problems);
                checkOperand(operator, operand, at, problems);
            }
        }
    }

    private static void checkCombination(JsonNode rule, JsonNode operand, String at, List<Problem> problems) {
        String operator = at.substring(at.lastIndexOf('/') + 1);
        noVariable(rule, at.substring(0, at.lastIndexOf('/')), operator, problems);
        if (!operand.isArray() || operand.isEmpty()) {
            problems.add(new Problem(at, operator + " takes a non-empty array of rules"));
            return;
        }
        for (int i = 0; i < operand.size(); i++) {
            check(operand.get(i), at + "/" + i, false, problems);
        }
    }

    private static void noVariable(JsonNode rule, String pointer, String operator, List<Problem> problems) {
        if (rule.has("Variable")) {
            problems.add(new Problem(pointer + "/Variable", "a rule with " + operator + " has no Variable; its inner rules do"));
        }
    }

    private static void checkVariable(JsonNode rule, String pointer, List<Problem> problems) {
        JsonNode variable = rule.get("Variable");
        if (variable == null || !variable.isTextual()) {
            problems.add(new Problem(pointer + "/Variable", "a comparison or type test needs Variable, a Path such as $.order.total"));
            return;
        }
        Paths.checkPath(variable.textValue()).ifPresent(p -> problems.add(new Problem(pointer + "/Variable", p)));
    }

    private static void checkOperand(String field, JsonNode operand, String at, List<Problem> problems) {
        Optional<Test> test = test(field);
        if (test.isPresent()) {
            expect(operand.isBoolean(), at, field + " takes true or false", problems);
            return;
        }
        ChoiceOperator operator = ChoiceOperator.byField(field).orElseThrow();
        if (!field.equals(operator.fieldName())) {
            checkPathOperand(operand, at, problems);
            return;
        }
        switch (operator.kind()) {
            case STRING -> checkString(operator, operand, at, problems);
            case NUMERIC -> expect(operand.isNumber(), at, field + " takes a number", problems);
            case BOOLEAN -> expect(operand.isBoolean(), at, field + " takes true or false", problems);
            case TIMESTAMP -> expect(ChoiceValues.timestamp(operand).isPresent(), at, field
                    + " takes an RFC 3339 timestamp string such as 2016-03-14T01:59:00Z", problems);
        }
    }

    private static void checkPathOperand(JsonNode operand, String at, List<Problem> problems) {
        if (!operand.isTextual()) {
            problems.add(new Problem(at, "takes a Path string such as $.limit"));
            return;
        }
        Paths.checkPath(operand.textValue()).ifPresent(p -> problems.add(new Problem(at, p)));
    }

    private static void checkString(ChoiceOperator operator, JsonNode operand, String at, List<Problem> problems) {
        if (!operand.isTextual()) {
            problems.add(new Problem(at, operator.fieldName() + " takes a string"));
            return;
        }
        if (operator == ChoiceOperator.STRING_MATCHES) {
            try {
                ChoiceValues.wildcard(operand.textValue());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at, e.getMessage()));
            }
        }
    }

    private static void expect(boolean ok, String at, String message, List<Problem> problems) {
        if (!ok) {
            problems.add(new Problem(at, message));
        }
    }

    /**
     * Builds the model of a rule (its {@code Next}, if any, is left to the caller).
     *
     * @throws IllegalArgumentException listing every problem when {@link #check} finds any
     */
    public static ChoiceRule parse(JsonNode rule) {
        List<Problem> problems = check(rule, "", false).stream().filter(p -> !p.pointer().equals("/Next")).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid choice rule: " + problems);
        }
        return build(rule);
    }

    private static ChoiceRule build(JsonNode rule) {
        Map.Entry<String, JsonNode> operator = rule.properties().stream()
                .filter(field -> isOperator(field.getKey())).findFirst().orElseThrow();
        String field = operator.getKey();
        JsonNode operand = operator.getValue();
        return switch (field) {
            case "And" -> new And(buildAll(operand));
            case "Or" -> new Or(buildAll(operand));
            case "Not" -> new Not(build(operand));
            default -> leaf(rule.get("Variable").textValue(), field, operand);
        };
    }

    private static List<ChoiceRule> buildAll(JsonNode rules) {
        List<ChoiceRule> built = new ArrayList<>();
        rules.forEach(rule -> built.add(build(rule)));
        return built;
    }

    private static ChoiceRule leaf(String variable, String field, JsonNode operand) {
        Optional<Test> test = test(field);
        if (test.isPresent()) {
            return new TypeTest(variable, test.get(), operand.booleanValue());
        }
        ChoiceOperator operator = ChoiceOperator.byField(field).orElseThrow();
        boolean pathForm = !field.equals(operator.fieldName());
        return new Comparison(variable, operator, pathForm ? new PathOperand(operand.textValue()) : new Literal(operand.deepCopy()));
    }

    /** Evaluates a rule against a state's input, with an empty context object. */
    public static boolean evaluate(ChoiceRule rule, JsonNode input) {
        return evaluate(rule, input, JsonNodeFactory.instance.objectNode());
    }

    /**
     * Evaluates a rule against a state's input; paths starting {@code $$} read {@code context}.
     *
     * @return whether the rule matches
     */
    public static boolean evaluate(ChoiceRule rule, JsonNode input, JsonNode context) {
        return switch (rule) {
            case And and -> and.rules().stream().allMatch(r -> evaluate(r, input, context));
            case Or or -> or.rules().stream().anyMatch(r -> evaluate(r, input, context));
            case Not not -> !evaluate(not.rule(), input, context);
            case TypeTest test -> typeTest(test, input, context);
            case Comparison comparison -> compare(comparison, input, context);
        };
    }

    /** Only {@code IsPresent} asks whether a value is there; any other rule on a missing one fails the state. */
    private static Optional<JsonNode> lookup(String path, JsonNode input, JsonNode context) {
        try {
            return Optional.of(Paths.read(path, input, context));
        } catch (WorkflowError e) {
            return Optional.empty();
        }
    }

    private static JsonNode require(String path, JsonNode input, JsonNode context) {
        return lookup(path, input, context).orElseThrow(() -> new WorkflowError(WorkflowError.RUNTIME,
                "Invalid path '" + path + "': a choice rule's value is missing from the input (test it with"
                        + " IsPresent first)"));
    }

    private static boolean typeTest(TypeTest test, JsonNode input, JsonNode context) {
        if (test.test() == Test.IsPresent) {
            return lookup(test.variable(), input, context).isPresent() == test.expected();
        }
        return is(test.test(), require(test.variable(), input, context)) == test.expected();
    }

    private static boolean is(Test test, JsonNode value) {
        return switch (test) {
            case IsNull -> value.isNull();
            case IsPresent -> true;
            case IsNumeric -> value.isNumber();
            case IsString -> value.isTextual();
            case IsBoolean -> value.isBoolean();
            case IsTimestamp -> ChoiceValues.timestamp(value).isPresent();
        };
    }

    private static boolean compare(Comparison comparison, JsonNode input, JsonNode context) {
        JsonNode value = require(comparison.variable(), input, context);
        JsonNode operand = switch (comparison.operand()) {
            case Literal literal -> literal.value();
            case PathOperand path -> require(path.path(), input, context);
        };
        return compare(comparison.operator(), value, operand);
    }

    private static boolean compare(ChoiceOperator operator, JsonNode value, JsonNode operand) {
        return switch (operator.kind()) {
            case STRING -> value.isTextual() && operand.isTextual() && compareStrings(operator, value.textValue(), operand.textValue());
            case NUMERIC -> value.isNumber() && operand.isNumber()
                    && operator.order().holds(value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> compareTimestamps(operator, ChoiceValues.timestamp(value), ChoiceValues.timestamp(operand));
        };
    }

    private static boolean compareStrings(ChoiceOperator operator, String value, String operand) {
        if (operator == ChoiceOperator.STRING_MATCHES) {
            return ChoiceValues.wildcard(operand).matcher(value).matches();
        }
        return operator.order().holds(value.compareTo(operand)); // UTF-16 order, as AWS documents
    }

    private static boolean compareTimestamps(ChoiceOperator operator, Optional<Instant> value, Optional<Instant> operand) {
        return value.isPresent() && operand.isPresent() && operator.order().holds(value.get().compareTo(operand.get()));
    }
}
