package dev.gust.examples.greeter;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import dev.gust.sdk.InitContext;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Greets in one of a few languages, with a prefix read once from {@code GREETING_PREFIX}. An unknown
 * language fails the invocation with an {@link IllegalArgumentException} that says which are known.
 */
public final class Greeter implements Handler<Greeting, Reply> {
    static final Map<String, String> HELLO = new TreeMap<>(Map.of(
            "en", "Hello", "fr", "Bonjour", "de", "Hallo", "es", "Hola"));

    private String prefix = "";

    @Override
    public void init(InitContext context) {
        prefix = context.env("GREETING_PREFIX", "").strip();
        context.logger().log("greeter ready, prefix \"%s\"", prefix);
    }

    @Override
    public Reply handle(Greeting greeting, Context context) {
        String name = orDefault(greeting == null ? null : greeting.name(), "world");
        String language = orDefault(greeting == null ? null : greeting.language(), "en").toLowerCase(Locale.ROOT);
        String hello = HELLO.get(language);
        if (hello == null) {
            throw new IllegalArgumentException("language must be one of " + HELLO.keySet() + ", was " + language);
        }
        context.logger().log("greeting %s in %s", name, language);
        String text = (prefix.isEmpty() ? "" : prefix + " ") + hello + ", " + name;
        return new Reply(text, language, context.invocationId());
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
