package dev.gust.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gust.workflow.IntrinsicExpr.Call;
import dev.gust.workflow.IntrinsicExpr.Literal;
import dev.gust.workflow.IntrinsicExpr.PathArg;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code States.X(arg, ...)}: string literals in single quotes (escapes {@code \'},
 * {@code \{}, {@code \}}, {@code \\}), numbers, {@code true}, {@code false}, {@code null}, Paths
 * and nested calls, at most {@value #MAX_NESTING} calls deep (as AWS allows).
 */
final class IntrinsicParser {
    static final int MAX_NESTING = 10;
    private static final Pattern NAME = Pattern.compile("States\\.([A-Za-z0-9]+)\\(");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String text;
    private int at;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException saying what is wrong and where */
    static Call parse(String text) {
        IntrinsicParser parser = new IntrinsicParser(text);
        parser.skipSpace();
        Call call = parser.call(1);
        parser.skipSpace();
        if (parser.at != text.length()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    private Call call(int depth) {
        Matcher name = NAME.matcher(text).region(at, text.length());
        if (!name.lookingAt()) {
            throw error("expected a function call like States.Format(...)");
        }
        if (depth > MAX_NESTING) {
            throw error("intrinsic functions nest at most " + MAX_NESTING + " deep");
        }
        String function = name.group(1);
        IntrinsicFunctions.Spec spec = IntrinsicFunctions.spec(function)
                .orElseThrow(() -> error("unknown function States." + function + "; known: " + IntrinsicFunctions.names()));
        at = name.end();
        List<IntrinsicExpr> args = arguments(depth);
        spec.checkArity(args.size());
        return new Call(function, args);
    }

    private List<IntrinsicExpr> arguments(int depth) {
        List<IntrinsicExpr> args = new ArrayList<>();
        skipSpace();
        if (peek() == ')') {
            at++;
            return args;
        }
        while (true) {
            skipSpace();
            args.add(argument(depth));
            skipSpace();
            char next = peek();
            at++;
            if (next == ')') {
                return args;
            }
            if (next != ',') {
                at--;
                throw error("expected ',' or ')'");
            }
        }
    }

    private IntrinsicExpr argument(int depth) {
        char first = peek();
        if (first == '\'') {
            return string();
        }
        if (first == '$') {
            return path();
        }
        if (text.startsWith("States.", at)) {
            return call(depth + 1);
        }
        return keywordOrNumber();
    }

    private Literal string() {
        StringBuilder value = new StringBuilder();
        int start = ++at;
        while (at < text.length() && text.charAt(at) != '\'') {
            char c = text.charAt(at++);
            if (c == '\\') {
                if (at >= text.length() || "'{}\\".indexOf(text.charAt(at)) < 0) {
                    throw error("a backslash in a string literal escapes only ' { } or \\");
                }
                c = text.charAt(at++);
            }
            value.append(c);
        }
        if (at >= text.length()) {
            throw error("unclosed string literal starting at offset " + (start - 1));
        }
        String escaped = text.substring(start, at++);
        return new Literal(TextNode.valueOf(value.toString()), escaped);
    }

    private PathArg path() {
        int start = at;
        int depth = 0;
        char quote = 0;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if ((c == ',' || c == ')') && depth == 0) {
                break;
            }
        }
        String path = text.substring(start, at).strip();
        Paths.checkPath(path).ifPresent(problem -> {
            throw error("the path '" + path + "' " + problem);
        });
        return new PathArg(path);
    }

    private Literal keywordOrNumber() {
        for (String keyword : List.of("true", "false", "null")) {
            if (text.startsWith(keyword, at) && !continuesWord(at + keyword.length())) {
                at += keyword.length();
                return new Literal(keyword(keyword), "");
            }
        }
        Matcher number = NUMBER.matcher(text).region(at, text.length());
        if (!number.lookingAt() || continuesWord(number.end())) {
            throw error("expected a string in single quotes, a number, true, false, null, a path or a States. call");
        }
        at = number.end();
        return new Literal(number(number.group()), "");
    }

    private static JsonNode keyword(String keyword) {
        return switch (keyword) {
            case "true" -> BooleanNode.TRUE;
            case "false" -> BooleanNode.FALSE;
            default -> NullNode.getInstance();
        };
    }

    private static JsonNode number(String literal) {
        try {
            return IntrinsicArgs.MAPPER.readTree(literal); // the same node types as a number in the input
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a number: " + literal, e);
        }
    }

    private boolean continuesWord(int index) {
        return index < text.length() && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '.');
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end of expression");
        }
        return text.charAt(at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " (at offset " + at + ")");
    }
}
