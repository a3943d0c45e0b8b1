package dev.gust.gateway;

/** The methods a route may name; {@code ANY} matches every request method. */
enum Method {
    GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY;

    static final String ALLOWED = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY";

    /** @return the method, or null for one no route can name (only ANY routes match those) */
    static Method of(String name) {
        return switch (name) {
            case "GET" -> GET;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "PATCH" -> PATCH;
            case "DELETE" -> DELETE;
            case "HEAD" -> HEAD;
            case "OPTIONS" -> OPTIONS;
            case "ANY" -> ANY;
            default -> null;
        };
    }
}
