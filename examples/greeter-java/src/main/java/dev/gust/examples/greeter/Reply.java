package dev.gust.examples.greeter;

/**
 * The greeting made.
 *
 * @param text e.g. {@code From Gust: Bonjour, Ada}
 * @param language the language it is in
 * @param invocationId the invocation that made it, to find its logs with {@code gust logs --invocation}
 */
public record Reply(String text, String language, String invocationId) {
}
