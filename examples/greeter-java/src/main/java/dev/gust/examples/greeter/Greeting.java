package dev.gust.examples.greeter;

/**
 * What to greet, e.g. {@code {"name":"Ada","language":"fr"}}.
 *
 * @param name who to greet; {@code world} when absent
 * @param language {@code en}, {@code fr}, {@code de} or {@code es}; {@code en} when absent
 */
public record Greeting(String name, String language) {
}
