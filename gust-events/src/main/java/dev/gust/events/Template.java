package dev.gust.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds and fills {@code <name>} placeholders, knowing whether each stands inside a JSON string. */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");

    private Template() {
    }

    static List<String> placeholders(String template) {
        var names = new ArrayList<String>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static String render(String template, Map<String, Optional<JsonNode>> values) {
        var out = new StringBuilder(template.length() * 2);
        Matcher matcher = PLACEHOLDER.matcher(template);
        boolean inString = false;
        int copied = 0;
        while (matcher.find()) {
            inString = stringStateAfter(template, copied, matcher.start(), inString);
            out.append(template, copied, matcher.start());
            Optional<JsonNode> value = values.get(matcher.group(1));
            out.append(value == null ? matcher.group() : fill(value, inString));
            copied = matcher.end();
        }
        return out.append(template, copied, template.length()).toString();
    }

    /** @return whether position {@code to} is inside a JSON string, scanning from {@code from} */
    private static boolean stringStateAfter(String text, int from, int to, boolean inString) {
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (inString && !escaped && c == '\\') {
                escaped = true;
                continue;
            }
            if (c == '"' && !escaped) {
                inString = !inString;
            }
            escaped = false;
        }
        return inString;
    }

    private static String fill(Optional<JsonNode> value, boolean inString) {
        if (value.isEmpty()) {
            return inString ? "" : "null";
        }
        JsonNode node = value.get();
        if (!inString) {
            return Json.text(node);
        }
        String text = node.isTextual() ? node.textValue() : Json.text(node);
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
