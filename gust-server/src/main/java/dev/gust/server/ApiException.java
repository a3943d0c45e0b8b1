package dev.gust.server;

import dev.gust.common.GustException;
import java.util.List;
import java.util.Map;

/**
 * A request the admin API refuses, with the status and error type it answers with. Messages are
 * written for the caller and always safe to show.
 */
final class ApiException extends GustException {
    private final int status;
    private final String type;
    private final List<Map<String, String>> problems;

    ApiException(int status, String type, String message) {
        this(status, type, message, List.of());
    }

    ApiException(int status, String type, String message, List<Map<String, String>> problems) {
        super(message, true);
        this.status = status;
        this.type = type;
        this.problems = List.copyOf(problems);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "InvalidRequest", message);
    }

    static ApiException notFound(String what) {
        return new ApiException(404, "NotFound", what);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    List<Map<String, String>> problems() {
        return problems;
    }
}
