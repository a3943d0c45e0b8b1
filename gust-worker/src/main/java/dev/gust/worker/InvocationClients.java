package dev.gust.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.gust.protocol.Frame;
import dev.gust.sdk.EventClient;
import dev.gust.sdk.FunctionClient;
import dev.gust.sdk.GustCallException;
import dev.gust.sdk.JsonText;
import dev.gust.sdk.QueueClient;
import dev.gust.sdk.WorkflowClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The platform clients of one invocation: each method turns its arguments into a {@code Call}
 * payload (see {@link Frame.Call}), waits for the answer within the invocation's remaining time
 * and maps it back. The node validates names and sizes; this side only serialises. Thread-safe;
 * refuses every call once {@link #end()} was called.
 */
final class InvocationClients implements QueueClient, EventClient, FunctionClient, WorkflowClient {
    private final String invocationId;
    private final PlatformCalls calls;
    private final JsonCodec json;
    private final Supplier<Duration> remaining;
    private volatile boolean ended;

    InvocationClients(String invocationId, PlatformCalls calls, JsonCodec json, Supplier<Duration> remaining) {
        this.invocationId = invocationId;
        this.calls = calls;
        this.json = json;
        this.remaining = remaining;
    }

    /** The handler has returned: later calls fail with {@code InvocationEnded}. */
    void end() {
        ended = true;
    }

    @Override
    public String send(String queue, Message m) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("queue", queue);
        request.put("body", m.body());
        request.put("attributes", m.attributes());
        m.delay().ifPresent(d -> request.put("delayMillis", d.toMillis()));
        m.groupId().ifPresent(g -> request.put("groupId", g));
        m.deduplicationId().ifPresent(d -> request.put("deduplicationId", d));
        return field(call(Frame.Call.QUEUE_SEND, request), "messageId");
    }

    @Override
    public String publish(Event e) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("source", e.source());
        request.put("type", e.type());
        e.subject().ifPresent(s -> request.put("subject", s));
        e.data().ifPresent(d -> request.put("data", raw("data", d)));
        return field(call(Frame.Call.EVENTS_PUBLISH, request), "eventId");
    }

    @Override
    public <T> T invoke(String function, Object input, Class<T> output) {
        byte[] result = invokeNow(function, input);
        try {
            return output.cast(json.readResult(result, output));
        } catch (JsonCodec.MappingException e) {
            throw new GustCallException(GustCallException.INVALID_REQUEST, "the result of " + function + ": "
                    + e.getMessage());
        }
    }

    @Override
    public String invoke(String function, Object input) {
        return new String(invokeNow(function, input), StandardCharsets.UTF_8);
    }

    private byte[] invokeNow(String function, Object input) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("function", function);
        request.put("input", raw("input", input));
        return call(Frame.Call.FUNCTION_INVOKE, request);
    }

    @Override
    public String invokeAsync(String function, Object input) {
        return invokeAsync(function, input, Map.of());
    }

    @Override
    public String invokeAsync(String function, Object input, String idempotencyKey) {
        if (idempotencyKey == null) {
            throw new GustCallException(GustCallException.INVALID_REQUEST,
                    "idempotencyKey: must be 1..255 printable ASCII characters, was null");
        }
        return invokeAsync(function, input, Map.of("idempotencyKey", idempotencyKey));
    }

    private String invokeAsync(String function, Object input, Map<String, Object> options) {
        return started(Frame.Call.FUNCTION_INVOKE_ASYNC, Map.of("function", function), input, options, "invocationId");
    }

    @Override
    public String start(String workflow, Object input) {
        return startWorkflow(workflow, input, Map.of());
    }

    @Override
    public String start(String workflow, Object input, String name) {
        if (name == null) {
            throw new GustCallException(GustCallException.INVALID_REQUEST,
                    "name: must be 1..80 printable ASCII characters without spaces, was null");
        }
        return startWorkflow(workflow, input, Map.of("name", name));
    }

    private String startWorkflow(String workflow, Object input, Map<String, Object> options) {
        return started(Frame.Call.WORKFLOW_START, Map.of("workflow", workflow), input, options, "executionId");
    }

    /** Sends a call that starts something with {@code input} and answers with the id of what it started. */
    private String started(String operation, Map<String, Object> target, Object input, Map<String, Object> options,
            String idField) {
        Map<String, Object> request = new LinkedHashMap<>(target);
        request.put("input", raw("input", input));
        request.putAll(options);
        return field(call(operation, request), idField);
    }

    /** @return the value as JSON to embed unchanged: a {@link JsonText} as it is, anything else serialised */
    private RawValue raw(String field, Object value) {
        if (value instanceof JsonText text) {
            if (!json.isJson(text.json().getBytes(StandardCharsets.UTF_8))) {
                throw new GustCallException(GustCallException.INVALID_REQUEST, field
                        + ": the JsonText is not exactly one JSON value");
            }
            return new RawValue(text.json());
        }
        try {
            return new RawValue(new String(json.write(value), StandardCharsets.UTF_8));
        } catch (JsonCodec.MappingException e) {
            throw new GustCallException(GustCallException.INVALID_REQUEST, field + ": " + e.getMessage());
        }
    }

    private byte[] call(String operation, Map<String, Object> request) {
        if (ended) {
            throw new GustCallException(GustCallException.INVOCATION_ENDED, operation + ": invocation " + invocationId
                    + " has returned; a function may call the platform only until its handler returns");
        }
        Duration left = remaining.get();
        if (left.isZero()) {
            throw new GustCallException(GustCallException.CALL_TIMED_OUT, operation + ": invocation "
                    + invocationId + " has no time left");
        }
        return calls.call(invocationId, operation, json.write(request), left);
    }

    private String field(byte[] answer, String name) {
        try {
            JsonNode node = json.tree(answer).path(name);
            if (node.isTextual()) {
                return node.asText();
            }
        } catch (IOException e) {
            // reported below
        }
        throw new GustCallException(GustCallException.UNHANDLED, "the node's answer has no " + name + ": "
                + new String(answer, StandardCharsets.UTF_8));
    }
}
