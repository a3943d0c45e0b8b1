package dev.gust.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RuleSetPropertiesTest {
    private static final CloudEventCodec CODEC = CloudEventCodec.create();

    @Provide
    Arbitrary<CloudEvent> events() {
        return EventArbitraries.events();
    }

    @Property(tries = 300)
    void patternOfAnEventsOwnValues_alwaysMatchesIt(@ForAll("events") CloudEvent event) {
        String pattern = ownValues(CODEC.toRulerJson(event)).toString();

        assertThat(Rule.checkPattern(pattern)).as(pattern).isEmpty();
        RuleSet rules = RuleSet.of(List.of(Rule.of("own", pattern, new Target.FunctionTarget("f"))));
        assertThat(rules.matchingNames(event)).as(pattern).containsExactly("own");
    }

    /** Every scalar of the event, each as an exact-match pattern of one value, objects as nested patterns. */
    private static ObjectNode ownValues(JsonNode event) {
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        event.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                pattern.set(field.getKey(), ownValues(value));
            } else if (value.isValueNode()) {
                ArrayNode one = JsonNodeFactory.instance.arrayNode();
                one.add(value);
                pattern.set(field.getKey(), one);
            }
        });
        return pattern;
    }
}
