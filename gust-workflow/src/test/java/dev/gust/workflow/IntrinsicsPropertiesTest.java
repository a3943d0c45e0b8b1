package dev.gust.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class IntrinsicsPropertiesTest {
    private final Intrinsics intrinsics = Intrinsics.create(new Random(5), UUID::randomUUID);

    private JsonNode run(String expression, JsonNode input) {
        return intrinsics.evaluate(expression, input, Conformance.MAPPER.createObjectNode());
    }

    private static ObjectNode input(String field, Object value) {
        ObjectNode input = Conformance.MAPPER.createObjectNode();
        input.set(field, Conformance.MAPPER.valueToTree(value));
        return input;
    }

    @Property
    void arrayPartition_thenFlatten_isTheArray(@ForAll @Size(max = 60) List<Integer> items, @ForAll @IntRange(min = 1, max = 70) int chunk) {
        JsonNode parts = run("States.ArrayPartition($.a, " + chunk + ")", input("a", items));

        ArrayNode flat = Conformance.MAPPER.createArrayNode();
        parts.forEach(part -> {
            assertThat(part.size()).isBetween(1, chunk);
            flat.addAll((ArrayNode) part);
        });
        assertThat(flat).isEqualTo(Conformance.MAPPER.valueToTree(items));
    }

    @Property
    void base64_decodeOfEncode_isTheString(@ForAll @StringLength(max = 300) String text) {
        JsonNode encoded = run("States.Base64Encode($.s)", input("s", text));

        assertThat(run("States.Base64Decode($.s)", input("s", encoded.textValue())).textValue()).isEqualTo(text);
    }

    @Property
    void stringToJson_ofJsonToString_isTheValue(@ForAll @Size(max = 10) List<@StringLength(max = 10) String> values) {
        JsonNode text = run("States.JsonToString($.v)", input("v", values));

        assertThat(run("States.StringToJson($.t)", input("t", text.textValue()))).isEqualTo(Conformance.MAPPER.valueToTree(values));
    }

    @Property
    void arrayRange_hasTheDocumentedLength(@ForAll @IntRange(min = -500, max = 500) int start,
            @ForAll @IntRange(min = -500, max = 500) int end, @ForAll @IntRange(min = 1, max = 50) int step) {
        JsonNode range = run("States.ArrayRange(" + start + ", " + end + ", " + step + ")", Conformance.MAPPER.createObjectNode());

        int expected = end < start ? 0 : (end - start) / step + 1;
        assertThat(range.size()).isEqualTo(expected);
        range.forEach(n -> assertThat(n.intValue()).isBetween(start, end));
    }

    @Property
    void arrayUnique_keepsEachDistinctValueOnceInFirstOrder(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 9) Integer> items) {
        JsonNode unique = run("States.ArrayUnique($.a)", input("a", items));

        assertThat(unique).isEqualTo(Conformance.MAPPER.valueToTree(items.stream().distinct().toList()));
    }

    @Property
    void mathRandom_staysInItsRange(@ForAll @IntRange(min = -1000, max = 1000) int start, @ForAll @IntRange(min = 1, max = 1000) int width,
            @ForAll int seed) {
        int value = run("States.MathRandom(" + start + ", " + (start + width) + ", " + seed + ")", Conformance.MAPPER.createObjectNode()).intValue();

        assertThat(value).isGreaterThanOrEqualTo(start).isLessThan(start + width);
    }

    @Property
    void format_ofEscapedLiteralText_givesTheTextBack(@ForAll @StringLength(max = 50) String text) {
        String escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("{", "\\{").replace("}", "\\}");

        assertThat(run("States.Format('" + escaped + "')", Conformance.MAPPER.createObjectNode()).textValue()).isEqualTo(text);
    }
}
