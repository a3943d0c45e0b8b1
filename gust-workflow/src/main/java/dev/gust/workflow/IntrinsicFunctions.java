package dev.gust.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gust.workflow.IntrinsicExpr.Call;
import dev.gust.workflow.IntrinsicExpr.Literal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.TreeMap;

/** The intrinsic functions of the Amazon States Language and AWS Step Functions, by name. */
final class IntrinsicFunctions {
    /** AWS's limit on the length of the array States.ArrayRange makes. */
    static final int MAX_RANGE = 1000;

    @FunctionalInterface
    interface Body {
        JsonNode apply(IntrinsicArgs args, Call call, Intrinsics env);
    }

    /** A function: its name, how many arguments it takes ({@code max} -1: any number) and its body. */
    record Spec(String name, int min, int max, Body body) {
        void checkArity(int count) {
            if (count < min || (max >= 0 && count > max)) {
                String wanted = max < 0 ? "at least " + min : min == max ? "exactly " + min : min + " to " + max;
                throw new IllegalArgumentException("States." + name + " takes " + wanted + " argument"
                        + (min == 1 && max == 1 ? "" : "s") + ", got " + count);
            }
        }
    }

    private static final Map<String, Spec> FUNCTIONS = new TreeMap<>();
    private static final Set<String> HASHES = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    static {
        define("Format", 1, -1, IntrinsicFunctions::format);
        define("StringToJson", 1, 1, (a, c, e) -> stringToJson(a));
        define("JsonToString", 1, 1, (a, c, e) -> TextNode.valueOf(a.any(0).toString()));
        define("Array", 0, -1, (a, c, e) -> JsonNodeFactory.instance.arrayNode().addAll(a.values()));
        define("ArrayPartition", 2, 2, (a, c, e) -> arrayPartition(a));
        define("ArrayContains", 2, 2, (a, c, e) -> BooleanNode.valueOf(contains(a.array(0, "array"), a.any(1))));
        define("ArrayRange", 3, 3, (a, c, e) -> arrayRange(a));
        define("ArrayGetItem", 2, 2, (a, c, e) -> arrayGetItem(a));
        define("ArrayLength", 1, 1, (a, c, e) -> IntNode.valueOf(a.array(0, "array").size()));
        define("ArrayUnique", 1, 1, (a, c, e) -> arrayUnique(a));
        define("Base64Encode", 1, 1, (a, c, e) -> TextNode.valueOf(Base64.getEncoder()
                .encodeToString(a.boundedString(0, "data").getBytes(StandardCharsets.UTF_8))));
        define("Base64Decode", 1, 1, (a, c, e) -> base64Decode(a));
        define("Hash", 2, 2, (a, c, e) -> hash(a));
        define("JsonMerge", 3, 3, (a, c, e) -> jsonMerge(a));
        define("MathRandom", 2, 3, IntrinsicFunctions::mathRandom);
        define("MathAdd", 2, 2, (a, c, e) -> number((long) a.integer(0, "first number") + a.integer(1, "second number")));
        define("StringSplit", 2, 2, (a, c, e) -> stringSplit(a));
        define("UUID", 0, 0, (a, c, e) -> TextNode.valueOf(e.uuid().toString()));
    }

    private IntrinsicFunctions() {
    }

    private static void define(String name, int min, int max, Body body) {
        FUNCTIONS.put(name, new Spec(name, min, max, body));
    }

    static Optional<Spec> spec(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name));
    }

    static String names() {
        return String.join(", ", FUNCTIONS.keySet());
    }

    private static JsonNode format(IntrinsicArgs args, Call call, Intrinsics env) {
        String template = args.string(0, "template");
        boolean escapes = call.args().getFirst() instanceof Literal literal && !literal.escapedText().isEmpty();
        String text = escapes ? ((Literal) call.args().getFirst()).escapedText() : template;
        StringBuilder out = new StringBuilder();
        int used = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escapes && c == '\\' && i + 1 < text.length()) {
                out.append(text.charAt(++i));
            } else if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                out.append(formatArgument(args, used++));
                i++;
            } else {
                out.append(c);
            }
        }
        if (used != args.size()) {
            throw args.failure("the template has " + (used - 1) + " {} placeholders but " + (args.size() - 1)
                    + " values follow it");
        }
        return TextNode.valueOf(out.toString());
    }

    private static String formatArgument(IntrinsicArgs args, int index) {
        if (index >= args.size()) {
            throw args.failure("the template has more {} placeholders than the " + (args.size() - 1) + " values after it");
        }
        JsonNode value = args.any(index);
        if (value.isContainerNode()) {
            throw args.fail(index, "value", "a string, number, boolean or null", value);
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static JsonNode stringToJson(IntrinsicArgs args) {
        String text = args.string(0, "JSON text");
        try {
            JsonNode parsed = IntrinsicArgs.MAPPER.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw args.failure(0, "JSON text", "is empty");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw args.failure(0, "JSON text", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode arrayPartition(IntrinsicArgs args) {
        ArrayNode array = args.array(0, "array");
        int chunk = args.integer(1, "chunk size");
        if (chunk <= 0) {
            throw args.failure(1, "chunk size", "must be a positive integer, got " + chunk);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int start = 0; start < array.size(); start += chunk) {
            ArrayNode part = out.addArray();
            for (int i = start; i < Math.min(array.size(), start + chunk); i++) {
                part.add(array.get(i));
            }
        }
        return out;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (JsonValues.same(item, value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode arrayRange(IntrinsicArgs args) {
        long start = args.integer(0, "start");
        long end = args.integer(1, "end");
        long step = args.integer(2, "step");
        if (step == 0) {
            throw args.failure(2, "step", "must not be 0");
        }
        long span = end - start;
        // a step pointing away from the end gives no items (integer division alone would give one)
        long count = span != 0 && Long.signum(span) != Long.signum(step) ? 0 : span / step + 1;
        if (count > MAX_RANGE) {
            throw args.failure("the range would have " + count + " items; at most " + MAX_RANGE + " are allowed");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (long i = 0; i < count; i++) {
            out.add(number(start + i * step));
        }
        return out;
    }

    private static JsonNode arrayGetItem(IntrinsicArgs args) {
        ArrayNode array = args.array(0, "array");
        int index = args.integer(1, "index");
        if (index < 0 || index >= array.size()) {
            throw args.failure(1, "index", "is " + index + " but the array has " + array.size() + " items");
        }
        return array.get(index);
    }

    private static JsonNode arrayUnique(IntrinsicArgs args) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : args.array(0, "array")) {
            if (!contains(out, item)) {
                out.add(item);
            }
        }
        return out;
    }

    private static JsonNode base64Decode(IntrinsicArgs args) {
        String encoded = args.boundedString(0, "base64 data");
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw args.failure(0, "base64 data", "is not valid base64: " + e.getMessage());
        }
    }

    private static JsonNode hash(IntrinsicArgs args) {
        String data = args.boundedString(0, "data");
        String algorithm = args.string(1, "algorithm");
        if (!HASHES.contains(algorithm)) {
            throw args.failure(1, "algorithm", "must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got '" + algorithm + "'");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }

    private static JsonNode jsonMerge(IntrinsicArgs args) {
        ObjectNode first = args.object(0, "first object");
        ObjectNode second = args.object(1, "second object");
        if (args.bool(2, "deep merge")) {
            throw args.failure(2, "deep merge", "must be false: only the shallow merge is supported (as in AWS Step Functions)");
        }
        ObjectNode merged = first.deepCopy();
        merged.setAll(second.deepCopy());
        return merged;
    }

    private static JsonNode mathRandom(IntrinsicArgs args, Call call, Intrinsics env) {
        int start = args.integer(0, "start");
        int end = args.integer(1, "end");
        if (start >= end) {
            throw args.failure("the start " + start + " must be less than the end " + end + " (the end is exclusive)");
        }
        long bound = (long) end - start;
        long offset = args.size() == 3 ? new Random(args.integer(2, "seed")).nextLong(bound) : env.random().nextLong(bound);
        return number(start + offset);
    }

    private static JsonNode stringSplit(IntrinsicArgs args) {
        String text = args.string(0, "string");
        String delimiters = args.string(1, "delimiters");
        if (delimiters.isEmpty()) {
            throw args.failure(1, "delimiters", "must not be empty");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        StringTokenizer tokens = new StringTokenizer(text, delimiters);
        while (tokens.hasMoreTokens()) {
            out.add(tokens.nextToken());
        }
        return out;
    }

    static JsonNode number(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }
}
