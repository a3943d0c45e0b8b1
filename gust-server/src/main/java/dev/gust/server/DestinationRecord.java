package dev.gust.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.store.AsyncEvent;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;

/**
 * The payload a destination function receives, shaped like Lambda's destination records:
 * {@code version}, {@code timestamp}, {@code requestContext}, {@code requestPayload},
 * {@code responseContext} and {@code responsePayload}. Stateless.
 */
final class DestinationRecord {

    private DestinationRecord() {
    }

    static String success(AsyncEvent e, byte[] response, InstantSource clock) {
        ObjectNode r = base(e, "Success", clock);
        r.putObject("responseContext").put("statusCode", 200);
        r.set("responsePayload", parse(new String(response, StandardCharsets.UTF_8)));
        return r.toString();
    }

    /** @param condition {@code RetriesExhausted} or {@code EventAgeExceeded} */
    static String failure(AsyncEvent e, String condition, String error, InstantSource clock) {
        ObjectNode r = base(e, condition, clock);
        r.putObject("responseContext").put("statusCode", 200).put("functionError", "Unhandled");
        int colon = error.indexOf(": ");
        r.putObject("responsePayload")
                .put("errorType", colon < 0 ? error : error.substring(0, colon))
                .put("errorMessage", colon < 0 ? "" : error.substring(colon + 2));
        return r.toString();
    }

    private static ObjectNode base(AsyncEvent e, String condition, InstantSource clock) {
        ObjectNode r = HttpIo.JSON.createObjectNode();
        r.put("version", "1.0");
        r.put("timestamp", clock.instant().toString());
        r.putObject("requestContext")
                .put("requestId", e.id())
                .put("functionName", e.function())
                .put("condition", condition)
                .put("approximateInvokeCount", e.attempts());
        r.set("requestPayload", parse(e.payload()));
        return r;
    }

    /** A payload that is not JSON (a function may answer with anything) is kept as a string. */
    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return HttpIo.JSON.getNodeFactory().nullNode();
        }
        try {
            return HttpIo.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return HttpIo.JSON.getNodeFactory().textNode(text);
        }
    }
}
