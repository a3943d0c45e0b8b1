package dev.gust.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuredModeTest {
    private final CloudEventCodec codec = CloudEventCodec.create();

    static ParseResult parse(CloudEventCodec codec, String contentType, String body) {
        return codec.parse(EventRequest.of(contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    private ParseResult structured(String body) {
        return parse(codec, "application/cloudevents+json; charset=utf-8", body);
    }

    static List<String> problems(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) result).problems().stream().map(Problem::toString).toList();
    }

    static CloudEvent single(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Accepted.class);
        List<CloudEvent> events = ((ParseResult.Accepted) result).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void parse_whenEveryAttributeIsGiven_keepsEachOne() {
        CloudEvent event = single(structured("""
                {"specversion":"1.0","id":"e-1","source":"/orders","type":"order.created",
                 "datacontenttype":"application/json","dataschema":"https://shop.example/order.json",
                 "subject":"order-7","time":"2026-11-29T04:00:00.25+01:00","tenant":"acme","priority":5,
                 "urgent":true,"data":{"total":120}}"""));

        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.source()).isEqualTo("/orders");
        assertThat(event.type()).isEqualTo("order.created");
        assertThat(event.datacontenttype()).contains("application/json");
        assertThat(event.dataschema()).contains("https://shop.example/order.json");
        assertThat(event.subject()).contains("order-7");
        assertThat(event.time()).contains(OffsetDateTime.of(2026, 11, 29, 4, 0, 0, 250_000_000, ZoneOffset.ofHours(1)));
        assertThat(event.extensions()).containsEntry("tenant", "acme").containsEntry("priority", 5)
                .containsEntry("urgent", true);
        assertThat(event.data()).contains(new EventData.Json(JsonNodeFactory.instance.objectNode().put("total", 120)));
    }

    @Test
    void parse_whenRequiredAttributesAreMissing_namesEachOne() {
        assertThat(problems(structured("{}"))).containsExactly(
                "specversion: required", "id: required", "source: required", "type: required");
    }

    @Test
    void parse_whenSpecversionIsNotOnePointZero_saysWhatIsAllowed() {
        assertThat(problems(structured("""
                {"specversion":"0.3","id":"1","source":"/s","type":"t"}""")))
                .containsExactly("specversion: must be \"1.0\", was \"0.3\"");
    }

    @Test
    void parse_whenAttributesHaveWrongTypes_reportsEveryOne() {
        assertThat(problems(structured("""
                {"specversion":"1.0","id":7,"source":"","type":["t"],"subject":false}""")))
                .containsExactly("id: must be a string, was a number", "source: must not be empty",
                        "type: must be a string, was an array", "subject: must be a string, was a boolean");
    }

    @Test
    void parse_whenSourceIsNotAUriReference_rejectsIt() {
        assertThat(problems(structured("""
                {"specversion":"1.0","id":"1","source":"not a uri","type":"t"}""")))
                .singleElement().asString().startsWith("source: must be a URI-reference");
    }

    @Test
    void parse_whenDataschemaIsRelative_rejectsIt() {
        assertThat(problems(structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","dataschema":"/schema"}""")))
                .singleElement().asString().startsWith("dataschema: must be an absolute URI");
    }

    @Test
    void parse_whenTimeIsNotRfc3339_rejectsIt() {
        for (String time : List.of("2026-11-29", "2026-11-29T04:00Z", "2026-13-01T00:00:00Z", "yesterday")) {
            assertThat(problems(structured("""
                    {"specversion":"1.0","id":"1","source":"/s","type":"t","time":"%s"}""".formatted(time))))
                    .as(time).singleElement().asString().startsWith("time: must be an RFC 3339 timestamp");
        }
    }

    @Test
    void parse_whenDatacontenttypeIsNotAMediaType_rejectsIt() {
        assertThat(problems(structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"json"}""")))
                .singleElement().asString().startsWith("datacontenttype: must be a media type");
    }

    @Test
    void parse_whenExtensionNameOrValueIsInvalid_rejectsEach() {
        assertThat(problems(structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","Tenant":"a",
                 "averyveryverylongname1":"b","nested":{"a":1},"ratio":1.5}""")))
                .containsExactlyInAnyOrder(
                        "Tenant: is not a CloudEvents attribute; extension names are 1 to 20 lower-case letters or digits",
                        "averyveryverylongname1: is not a CloudEvents attribute; extension names are 1 to 20 lower-case letters or digits",
                        "nested: extension values must be a string, a boolean or a 32-bit integer, was an object",
                        "ratio: extension values must be a string, a boolean or a 32-bit integer, was a number");
    }

    @Test
    void parse_whenDataAndDataBase64AreBothGiven_rejectsIt() {
        assertThat(problems(structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","data":1,"data_base64":"AQ=="}""")))
                .containsExactly("data_base64: must not be given together with data");
    }

    @Test
    void parse_whenDataBase64IsNotBase64_rejectsIt() {
        assertThat(problems(structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"%%%"}""")))
                .singleElement().asString().startsWith("data_base64: must be base64");
    }

    @Test
    void parse_whenDataBase64IsGiven_keepsTheBytes() {
        CloudEvent event = single(structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"AQID"}"""));

        assertThat(event.data()).contains(new EventData.Binary(new byte[] {1, 2, 3}));
    }

    @Test
    void parse_whenAttributeIsNull_treatsItAsAbsent() {
        CloudEvent event = single(structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","subject":null,"data":null}"""));

        assertThat(event.subject()).isEmpty();
        assertThat(event.data()).isEmpty();
    }

    @Test
    void parse_whenBodyIsNotAnObject_saysWhatIsExpected() {
        assertThat(problems(structured("[1]"))).containsExactly("must be an event object, was an array");
        assertThat(problems(structured("{\"id\":"))).containsExactly(
                "an application/cloudevents+json body must be one JSON object");
        assertThat(problems(structured("{\"id\":\"1\",\"id\":\"2\"}"))).containsExactly(
                "an application/cloudevents+json body must be one JSON object");
    }

    @Test
    void parse_whenEventIsOver256KB_isTooLarge() {
        String data = "x".repeat(CloudEventCodec.MAX_EVENT_BYTES);
        ParseResult result = structured("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","data":"%s"}""".formatted(data));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Rejected.class, rejected -> {
            assertThat(rejected.httpStatus()).isEqualTo(413);
            assertThat(rejected.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_LARGE);
                assertThat(p.message()).contains("limit is 262144 bytes");
            });
        });
    }

    @Test
    void parse_whenFormatIsNotJson_rejectsTheContentType() {
        assertThat(problems(parse(codec, "application/cloudevents+xml", "<event/>")))
                .singleElement().asString().startsWith("content-type: event format application/cloudevents+xml is not supported");
    }

    @Test
    void toStructuredJson_writesBinaryDataAsBase64AndReadsItBack() {
        CloudEvent event = CloudEvent.of("1", "/s", "t");
        CloudEvent withBytes = new CloudEvent("1", "/s", "1.0", "t", java.util.Optional.of("application/octet-stream"),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Map.of(),
                java.util.Optional.of(new EventData.Binary(new byte[] {0, -1})));

        String json = new String(codec.toStructuredJson(withBytes), StandardCharsets.UTF_8);

        assertThat(json).contains("\"data_base64\":\"AP8=\"");
        assertThat(single(structured(json))).isEqualTo(withBytes);
        assertThat(codec.check(event)).isEmpty();
    }

    @Test
    void check_whenEventBuiltByHandIsInvalid_listsItsProblems() {
        CloudEvent event = CloudEvent.of("", "/s", "t").withExtension("Bad", "x");

        assertThat(codec.check(event)).extracting(Problem::toString).containsExactly(
                "id: must not be empty",
                "Bad: is not a CloudEvents attribute; extension names are 1 to 20 lower-case letters or digits");
    }

    @Test
    void check_whenExtensionIsNamedLikeAnAttribute_rejectsIt() {
        CloudEvent event = CloudEvent.of("1", "/s", "t").withExtension("data", "x").withExtension("subject", "y");

        assertThat(codec.check(event)).extracting(Problem::toString).contains(
                "data: is a CloudEvents attribute, not an extension", "subject: is a CloudEvents attribute, not an extension");
    }
}
