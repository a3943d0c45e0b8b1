package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The payload of a {@link CloudEvent}: a JSON value (which includes plain text, as a JSON string)
 * or opaque bytes. Structured JSON carries the first as {@code data} and the second as
 * {@code data_base64}.
 */
public sealed interface EventData permits EventData.Json, EventData.Binary {

    /** @param value any JSON value; a text payload is a JSON string */
    record Json(JsonNode value) implements EventData {
        public Json {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param bytes the payload as sent; compared by content */
    record Binary(byte[] bytes) implements EventData {
        public Binary {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Binary b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + Base64.getEncoder().encodeToString(bytes) + "]";
        }
    }
}
