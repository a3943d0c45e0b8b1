package dev.gust.sdk;

import java.util.Objects;

/**
 * JSON text that a client sends as it is instead of serialising it again: for a function that
 * builds its JSON with its own library (the worker's JSON mapper does not see the function's
 * classes of that library, e.g. its own {@code JsonNode}).
 *
 * <pre>{@code
 * context.functions().invoke("price", new JsonText(myMapper.writeValueAsString(node)));
 * }</pre>
 *
 * @param json exactly one JSON value; the call fails with {@link GustCallException#INVALID_REQUEST}
 *     when it is not
 */
public record JsonText(String json) {
    public JsonText {
        Objects.requireNonNull(json, "json");
    }
}
