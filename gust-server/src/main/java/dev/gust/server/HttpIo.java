package dev.gust.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Reading request bodies and writing JSON responses for the admin API. Stateless, thread-safe. */
final class HttpIo {
    static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private HttpIo() {
    }

    /**
     * Reads the whole body, refusing more than {@code limit} bytes with a 413 before reading when
     * the length is declared, and as soon as the limit is passed otherwise.
     */
    static byte[] body(Request request, long limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(declared, limit);
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(bytes.length, limit);
            }
            return bytes;
        }
    }

    private static ApiException tooLarge(long size, long limit) {
        return new ApiException(413, "PayloadTooLarge",
                "request body of " + (size > limit ? "more than " + limit : size) + " bytes exceeds the limit of "
                        + limit + " bytes");
    }

    static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("unserialisable response", e);
        }
        bytes(response, callback, status, "application/json", bytes);
    }

    static void bytes(Response response, Callback callback, int status, String contentType, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static void error(Response response, Callback callback, ApiException e) {
        ObjectNode err = JSON.createObjectNode();
        err.put("type", e.type());
        err.put("message", e.getMessage());
        if (!e.problems().isEmpty()) {
            err.set("problems", JSON.valueToTree(e.problems()));
        }
        json(response, callback, e.status(), Map.of("error", err));
    }

    static Optional<String> query(Request request, String name) {
        return Optional.ofNullable(Request.extractQueryParameters(request).getValue(name)).filter(s -> !s.isEmpty());
    }
}
