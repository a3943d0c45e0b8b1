package dev.gust.workflow;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The comparison operators of Choice rules. Each but {@code StringMatches} also has a form whose
 * field name ends in {@code Path} and whose operand is a path instead of a literal.
 */
public enum ChoiceOperator {
    STRING_EQUALS("StringEquals", Kind.STRING, Order.EQ),
    STRING_LESS_THAN("StringLessThan", Kind.STRING, Order.LT),
    STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, Order.GT),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, Order.LE),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, Order.GE),
    STRING_MATCHES("StringMatches", Kind.STRING, Order.MATCHES),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, Order.EQ),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, Order.LT),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, Order.GT),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, Order.LE),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, Order.GE),
    BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, Order.EQ),
    TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, Order.EQ),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, Order.LT),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, Order.GT),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, Order.LE),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, Order.GE);

    /** What the operator compares. */
    public enum Kind {
        STRING, NUMERIC, BOOLEAN, TIMESTAMP
    }

    enum Order {
        EQ, LT, GT, LE, GE, MATCHES;

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case LT -> comparison < 0;
                case GT -> comparison > 0;
                case LE -> comparison <= 0;
                case GE -> comparison >= 0;
                case MATCHES -> throw new IllegalStateException("StringMatches is not an ordering");
            };
        }
    }

    private static final Map<String, ChoiceOperator> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ChoiceOperator::fieldName, Function.identity()));

    private final String fieldName;
    private final Kind kind;
    private final Order order;

    ChoiceOperator(String fieldName, Kind kind, Order order) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.order = order;
    }

    /** @return the field name of its literal form, e.g. {@code NumericLessThan} */
    public String fieldName() {
        return fieldName;
    }

    /** @return what it compares */
    public Kind kind() {
        return kind;
    }

    /** @return whether it has a {@code ...Path} form (every operator but StringMatches) */
    public boolean hasPathForm() {
        return this != STRING_MATCHES;
    }

    Order order() {
        return order;
    }

    /** @return the operator named by a field, either form, e.g. {@code NumericEqualsPath} */
    static Optional<ChoiceOperator> byField(String field) {
        ChoiceOperator literal = BY_NAME.get(field);
        if (literal != null) {
            return Optional.of(literal);
        }
        if (field.endsWith("Path")) {
            return Optional.ofNullable(BY_NAME.get(field.substring(0, field.length() - 4))).filter(ChoiceOperator::hasPathForm);
        }
        return Optional.empty();
    }
}
