package dev.gust.events;

import static dev.gust.events.StructuredModeTest.problems;
import static dev.gust.events.StructuredModeTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryModeTest {
    private final CloudEventCodec codec = CloudEventCodec.create();

    private static Map<String, String> required() {
        var headers = new HashMap<String, String>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", "e-1");
        headers.put("ce-source", "/orders");
        headers.put("ce-type", "order.created");
        return headers;
    }

    private ParseResult parse(Map<String, String> headers, String body) {
        return codec.parse(new EventRequest(headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parse_whenHeadersCarryTheAttributes_readsThemIgnoringCase() {
        Map<String, String> headers = required();
        headers.put("CE-Subject", "order-7");
        headers.put("ce-tenant", "acme");
        headers.put("Content-Type", "application/json");

        CloudEvent event = single(parse(headers, "{\"total\":120}"));

        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.subject()).contains("order-7");
        assertThat(event.extensions()).containsEntry("tenant", "acme");
        assertThat(event.datacontenttype()).contains("application/json");
        assertThat(codec.toRulerJson(event).at("/data/total").intValue()).isEqualTo(120);
    }

    @Test
    void parse_whenHeadersArePercentEncoded_decodesThemAsUtf8() {
        Map<String, String> headers = required();
        headers.put("ce-subject", "caf%C3%A9 %22menu%22");

        assertThat(single(parse(headers, "")).subject()).contains("café \"menu\"");
    }

    @Test
    void parse_whenPercentEncodingIsBroken_namesTheHeader() {
        Map<String, String> headers = required();
        headers.put("ce-subject", "50%");
        headers.put("ce-tenant", "%zz");

        assertThat(problems(parse(headers, ""))).containsExactlyInAnyOrder(
                "ce-subject: must be percent-encoded UTF-8 (%XX)", "ce-tenant: must be percent-encoded UTF-8 (%XX)");
    }

    @Test
    void parse_whenRequiredHeadersAreMissing_namesEachHeader() {
        assertThat(problems(parse(Map.of("Content-Type", "text/plain"), "hi"))).containsExactly(
                "ce-specversion: required", "ce-id: required", "ce-source: required", "ce-type: required");
    }

    @Test
    void parse_whenBodyIsNotTheJsonItsContentTypeClaims_rejectsIt() {
        Map<String, String> headers = required();
        headers.put("Content-Type", "application/json");

        assertThat(problems(parse(headers, "{oops"))).containsExactly(
                "body: is not valid JSON, as Content-Type application/json says it is");
    }

    @Test
    void parse_whenContentTypeIsText_keepsTheDataAsAString() {
        Map<String, String> headers = required();
        headers.put("Content-Type", "text/plain; charset=utf-8");

        assertThat(single(parse(headers, "hello")).data()).contains(new EventData.Json(TextNode.valueOf("hello")));
    }

    @Test
    void parse_whenContentTypeIsOpaque_keepsTheBytes() {
        Map<String, String> headers = required();
        headers.put("Content-Type", "application/octet-stream");

        assertThat(single(parse(headers, "AB")).data()).contains(new EventData.Binary(new byte[] {'A', 'B'}));
    }

    @Test
    void parse_whenDatacontenttypeComesAsAHeader_pointsToContentType() {
        Map<String, String> headers = required();
        headers.put("ce-datacontenttype", "application/json");

        assertThat(problems(parse(headers, ""))).containsExactly(
                "ce-datacontenttype: binary mode carries the data content type in Content-Type, not in a ce- header");
    }

    @Test
    void parse_whenExtensionHeaderNameIsInvalid_rejectsIt() {
        Map<String, String> headers = required();
        headers.put("ce-trace-parent", "x");

        assertThat(problems(parse(headers, ""))).singleElement().asString()
                .startsWith("ce-trace-parent: is not a CloudEvents attribute");
    }

    @Test
    void parse_whenBodyIsOver256KB_isTooLarge() {
        ParseResult result = parse(required(), "x".repeat(CloudEventCodec.MAX_EVENT_BYTES + 1));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.httpStatus()).isEqualTo(413));
    }

    @Test
    void parse_whenSmallerLimitIsConfigured_usesIt() {
        CloudEventCodec small = CloudEventCodec.create(4);

        assertThat(small.parse(new EventRequest(required(), "12345".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ParseResult.Rejected.class);
        assertThat(small.parse(new EventRequest(required(), "1234".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ParseResult.Accepted.class);
    }

    @Test
    void parse_whenDataComesAsAHeader_rejectsIt() {
        Map<String, String> headers = required();
        headers.put("ce-data", "{}");

        assertThat(problems(parse(headers, ""))).containsExactly(
                "ce-data: is reserved for the event's data; send it as the body");
    }
}
