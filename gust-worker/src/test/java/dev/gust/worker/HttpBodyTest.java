package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.gust.protocol.Frame;
import dev.gust.sdk.HttpRequestEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A routed request reaching a handler whose input is its own record or POJO gets the request's body. */
class HttpBodyTest {
    private final JsonCodec json = new JsonCodec();

    /** A payload 2.0 event as the gateway writes it, with {@code body} spliced in (a JSON member or nothing). */
    static String event(String bodyMember) {
        return """
                {"version":"2.0","routeKey":"POST /greet","rawPath":"/greet","rawQueryString":"",
                 "headers":{"content-type":"application/json"},
                 "requestContext":{"accountId":"gust","requestId":"inv-1","routeKey":"POST /greet",
                   "http":{"method":"POST","path":"/greet","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"}}%s}
                """.formatted(bodyMember.isEmpty() ? "" : "," + bodyMember);
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public record Greeting(String name, String language) {
    }

    /** A bean with setters, as older code and generated models are written. */
    public static final class Order {
        private String item;
        private BigDecimal price;

        public String getItem() {
            return item;
        }

        public void setItem(String item) {
            this.item = item;
        }

        public BigDecimal getPrice() {
            return price;
        }

        public void setPrice(BigDecimal price) {
            this.price = price;
        }
    }

    /** Shaped like Lambda's APIGatewayV2HTTPEvent: a POJO that models the event itself. */
    public static final class LambdaStyleEvent {
        private String routeKey;
        private String body;

        public String getRouteKey() {
            return routeKey;
        }

        public void setRouteKey(String routeKey) {
            this.routeKey = routeKey;
        }

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }
    }

    enum Colour { RED }

    @Test
    void invoke_recordHandlerThroughARoute_getsTheRequestBody() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Greeter", Map.of())) {
            String response = HandlerKindsTest.json(node.invoke("inv-1", event("\"body\":" + jsonString("{\"name\":\"Ada\"}"))));

            assertThat(response).contains("\"greeting\":\"Hello, Ada!\"");
        }
    }

    @Test
    void invoke_recordHandlerWithABodyThatIsNotJson_failsAsInvalidInputNamingRouteAndType() throws Exception {
        try (var node = FakeNode.start("dev.gust.worker.fixtures.Greeter", Map.of())) {
            Frame.Result result = node.invoke("inv-1", event("\"body\":\"name=Ada\""));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().errorType()).isEqualTo("InvalidInput");
            assertThat(result.error().message()).startsWith("the body of the HTTP request POST /greet is not JSON, "
                    + "so it cannot be read as dev.gust.worker.fixtures.Greeter$Request: ");
            assertThat(HandlerKindsTest.json(node.invoke("inv-2", "{\"name\":\"Bo\"}"))).contains("Hello, Bo!");
        }
    }

    @Test
    void read_directInvocationOfARecord_mapsThePayloadAsBefore() {
        assertThat(json.read(bytes("{\"name\":\"Ada\",\"language\":\"fr\"}"), Greeting.class))
                .isEqualTo(new Greeting("Ada", "fr"));
    }

    @Test
    void read_eventToARecord_mapsItsBody() {
        Object input = json.read(bytes(event("\"body\":" + jsonString("{\"name\":\"Ada\",\"language\":\"en\"}")
                + ",\"isBase64Encoded\":false")), Greeting.class);

        assertThat(input).isEqualTo(new Greeting("Ada", "en"));
    }

    @Test
    void read_eventToAPojo_mapsItsBody_keepingDecimalsExact() {
        var order = (Order) json.read(bytes(event("\"body\":" + jsonString("{\"item\":\"tea\",\"price\":0.10}"))),
                Order.class);

        assertThat(order.getItem()).isEqualTo("tea");
        assertThat(order.getPrice()).isEqualByComparingTo("0.10");
    }

    @Test
    void read_base64Body_isDecodedFirst() {
        String body = Base64.getEncoder().encodeToString("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8));

        Object input = json.read(bytes(event("\"body\":\"" + body + "\",\"isBase64Encoded\":true")), Greeting.class);

        assertThat(input).isEqualTo(new Greeting("Zoë", null));
    }

    @Test
    void read_eventWithoutBody_mapsAnEmptyObject() {
        assertThat(json.read(bytes(event("")), Greeting.class)).isEqualTo(new Greeting(null, null));
        assertThat(json.read(bytes(event("\"body\":null")), Greeting.class)).isEqualTo(new Greeting(null, null));
        assertThat(json.read(bytes(event("\"body\":\"  \"")), Greeting.class)).isEqualTo(new Greeting(null, null));
    }

    @Test
    void read_bodyThatDoesNotFit_failsAsInvalidInputNamingRouteAndType() {
        assertThatThrownBy(() -> json.read(bytes(event("\"body\":\"[1,2]\"")), Greeting.class))
                .isInstanceOfSatisfying(JsonCodec.MappingException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidInput"))
                .hasMessageStartingWith("the body of the HTTP request POST /greet does not fit the input type "
                        + Greeting.class.getTypeName() + ": ");
    }

    @Test
    void read_bodyMarkedBase64ThatIsNot_failsAsInvalidInput() {
        assertThatThrownBy(() -> json.read(bytes(event("\"body\":\"{not base64}\",\"isBase64Encoded\":true")),
                Greeting.class))
                .isInstanceOfSatisfying(JsonCodec.MappingException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidInput"))
                .hasMessageStartingWith("the body of the HTTP request POST /greet is marked isBase64Encoded "
                        + "but is not valid base64");
    }

    @Test
    void read_bodyThatIsNotAString_failsAsInvalidInput() {
        assertThatThrownBy(() -> json.read(bytes(event("\"body\":{\"name\":\"Ada\"}")), Greeting.class))
                .isInstanceOf(JsonCodec.MappingException.class)
                .hasMessage("the body of the HTTP request POST /greet must be a string, was OBJECT");
    }

    @Test
    void read_eventToMapsObjectsStringsAndEventTypes_isTheEventItself() {
        byte[] event = bytes(event("\"body\":\"{}\""));

        assertThat(json.read(event, Map.class)).asInstanceOf(MAP).containsEntry("routeKey", "POST /greet");
        assertThat(json.read(event, Object.class)).asInstanceOf(MAP).containsKey("requestContext");
        assertThat((String) json.read(event, String.class)).contains("\"version\":\"2.0\"");
        assertThat(((HttpRequestEvent) json.read(event, HttpRequestEvent.class)).rawPath()).isEqualTo("/greet");
        assertThat(((LambdaStyleEvent) json.read(event, LambdaStyleEvent.class)).getBody()).isEqualTo("{}");
    }

    @Test
    void read_payloadThatOnlyLooksLikeAnEvent_isMappedAsItIs() {
        String noContext = "{\"version\":\"2.0\",\"routeKey\":\"x\",\"name\":\"Ada\"}";
        String otherVersion = "{\"version\":\"1.0\",\"routeKey\":\"x\",\"requestContext\":{},\"name\":\"Ada\"}";

        assertThat(json.read(bytes(noContext), Greeting.class)).isEqualTo(new Greeting("Ada", null));
        assertThat(json.read(bytes(otherVersion), Greeting.class)).isEqualTo(new Greeting("Ada", null));
    }

    @Test
    void takesBody_onlyForTheFunctionsOwnRecordsAndPojos() {
        assertThat(List.of(Greeting.class, Order.class)).allMatch(HttpBody::takesBody);
        assertThat(List.of(Map.class, Object.class, String.class, byte[].class, List.class, HttpRequestEvent.class,
                LambdaStyleEvent.class, Colour.class, Integer.class, int.class, BigDecimal.class))
                .noneMatch(HttpBody::takesBody);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
