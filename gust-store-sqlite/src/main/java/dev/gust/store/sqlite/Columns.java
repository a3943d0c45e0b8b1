package dev.gust.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.store.AsyncEvent;
import dev.gust.store.FunctionSpec;
import dev.gust.store.GustStoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Converts values to and from their column forms: times as epoch nanos, JSON for nested values. */
final class Columns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NANOS = 1_000_000_000L;

    private Columns() {
    }

    /** @throws ArithmeticException when the instant is outside 1677..2262, which a long cannot hold */
    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS), t.getNano());
    }

    /** @return the instant as epoch nanos, or the nearest bound when it is beyond what a long holds */
    static long clampedNanos(Instant t) {
        if (t.isBefore(instant(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        return t.isAfter(instant(Long.MAX_VALUE)) ? Long.MAX_VALUE : nanos(t);
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS), Math.floorMod(epochNanos, NANOS));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getLong(column));
    }

    static Duration duration(ResultSet rs, String column) throws SQLException {
        return Duration.ofNanos(rs.getLong(column));
    }

    static Optional<Duration> optionalDuration(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(v));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static void setOptional(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    static void setOptionalNanos(PreparedStatement ps, int index, Optional<Duration> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get().toNanos());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }

    static String concurrencyJson(FunctionSpec.Concurrency c) {
        ObjectNode node = JSON.createObjectNode().put("min", c.min()).put("max", c.max()).put("perInstance", c.perInstance());
        return node.toString();
    }

    static FunctionSpec.Concurrency concurrency(String json) {
        JsonNode n = parse(json);
        return new FunctionSpec.Concurrency(n.get("min").asInt(), n.get("max").asInt(), n.get("perInstance").asInt());
    }

    static String asyncJson(FunctionSpec.Async a) {
        ObjectNode node = JSON.createObjectNode().put("maxRetries", a.maxRetries())
                .put("maxEventAgeNs", a.maxEventAge().toNanos());
        a.onSuccess().ifPresent(d -> node.set("onSuccess", destinationJson(d)));
        a.onFailure().ifPresent(d -> node.set("onFailure", destinationJson(d)));
        return node.toString();
    }

    /** A function stays a plain name, as before queues could be destinations; a queue is {@code {"queue": name}}. */
    private static JsonNode destinationJson(FunctionSpec.Destination d) {
        return d.kind() == AsyncEvent.Kind.FUNCTION
                ? JSON.getNodeFactory().textNode(d.name())
                : JSON.createObjectNode().put(d.kind().label(), d.name());
    }

    private static FunctionSpec.Destination destination(JsonNode n) {
        if (n.isTextual()) {
            return FunctionSpec.Destination.function(n.asText());
        }
        var field = n.properties().iterator().next();
        return new FunctionSpec.Destination(AsyncEvent.Kind.of(field.getKey()), field.getValue().asText());
    }

    static FunctionSpec.Async async(String json) {
        JsonNode n = parse(json);
        return new FunctionSpec.Async(n.get("maxRetries").asInt(), Duration.ofNanos(n.get("maxEventAgeNs").asLong()),
                Optional.ofNullable(n.get("onSuccess")).map(Columns::destination),
                Optional.ofNullable(n.get("onFailure")).map(Columns::destination));
    }

    static String headersJson(Map<String, String> headers) {
        return write(new TreeMap<>(headers));
    }

    static String environmentJson(Map<String, String> env) {
        return write(new TreeMap<>(env));
    }

    static Map<String, String> environment(String json) {
        return read(json, new TypeReference<Map<String, String>>() { });
    }

    static String routesJson(List<String> routes) {
        return write(routes);
    }

    static List<String> routes(String json) {
        return read(json, new TypeReference<List<String>>() { });
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new GustStoreException("could not encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new GustStoreException("a stored JSON column is corrupt: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        return read(json, new TypeReference<JsonNode>() { });
    }
}
