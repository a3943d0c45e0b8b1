package dev.gust.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetTest {
    private static final Target FN = new Target.FunctionTarget("ship-order");

    static final CloudEvent ORDER = CloudEvent.of("e-1", "/shop/orders", "com.example.order.created")
            .withExtension("region", "eu-west-1")
            .withExtension("priority", 5)
            .withJsonData(json("""
                    {"total": 120.5, "status": "PAID", "items": [{"sku": "A-1"}, {"sku": "B-2"}]}"""));

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean matches(String pattern, CloudEvent event) {
        return RuleSet.of(List.of(Rule.of("r", pattern, FN))).matchingNames(event).equals(List.of("r"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prefix              | {"type":[{"prefix":"com.example.order."}]}                 | {"type":[{"prefix":"com.example.user."}]}
            suffix              | {"source":[{"suffix":"/orders"}]}                          | {"source":[{"suffix":"/users"}]}
            anything-but        | {"data":{"status":[{"anything-but":["CANCELLED"]}]}}       | {"data":{"status":[{"anything-but":["PAID"]}]}}
            numeric             | {"data":{"total":[{"numeric":[">",100,"<=",200]}]}}        | {"data":{"total":[{"numeric":["<",100]}]}}
            numeric extension   | {"priority":[{"numeric":[">=",5]}]}                        | {"priority":[{"numeric":[">",5]}]}
            exists              | {"data":{"status":[{"exists":true}]}}                      | {"data":{"coupon":[{"exists":true}]}}
            exists false        | {"data":{"coupon":[{"exists":false}]}}                     | {"data":{"status":[{"exists":false}]}}
            wildcard            | {"type":[{"wildcard":"com.*.created"}]}                    | {"type":[{"wildcard":"com.*.deleted"}]}
            equals-ignore-case  | {"data":{"status":[{"equals-ignore-case":"paid"}]}}        | {"data":{"status":[{"equals-ignore-case":"unpaid"}]}}
            $or                 | {"$or":[{"data":{"total":[{"numeric":["<",10]}]}},{"region":["eu-west-1"]}]} | {"$or":[{"data":{"total":[{"numeric":["<",10]}]}},{"region":["us-east-1"]}]}
            array element       | {"data":{"items":{"sku":["B-2"]}}}                         | {"data":{"items":{"sku":["C-3"]}}}
            several fields      | {"type":["com.example.order.created"],"region":["eu-west-1"]} | {"type":["com.example.order.created"],"region":["us-east-1"]}
            """)
    void matching_followsEventRulerForEachOperator(String operator, String matching, String notMatching) {
        assertThat(matches(matching, ORDER)).as("%s should match", matching).isTrue();
        assertThat(matches(notMatching, ORDER)).as("%s should not match", notMatching).isFalse();
    }

    @Test
    void matching_whenDataIsNotJson_seesOnlyTheAttributes() {
        CloudEvent bytes = new CloudEvent("1", "/s", "1.0", "t", java.util.Optional.of("application/octet-stream"),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Map.of(),
                java.util.Optional.of(new EventData.Binary(new byte[] {'{', '}'})));

        assertThat(matches("{\"type\":[\"t\"]}", bytes)).isTrue();
        assertThat(matches("{\"data\":[{\"exists\":true}]}", bytes)).isFalse();
    }

    @Test
    void matching_reportsEveryMatchingRuleInTheSetsOrder() {
        RuleSet rules = RuleSet.of(List.of(
                Rule.of("by-region", "{\"region\":[\"eu-west-1\"]}", FN),
                Rule.of("never", "{\"type\":[\"other\"]}", FN),
                Rule.of("by-type", "{\"type\":[{\"prefix\":\"com.\"}]}", FN)));

        assertThat(rules.matchingNames(ORDER)).containsExactly("by-region", "by-type");
        assertThat(rules.matching(ORDER)).extracting(Rule::name).containsExactly("by-region", "by-type");
        assertThat(rules.rule("never")).isPresent();
    }

    @Test
    void empty_matchesNothing() {
        assertThat(RuleSet.empty().matching(ORDER)).isEmpty();
    }

    @Test
    void of_whenARuleIsInvalid_compilesNothingAndNamesEveryProblem() {
        List<Rule> rules = List.of(
                Rule.of("ok", "{\"type\":[\"t\"]}", FN),
                Rule.of("ok", "{\"type\":\"t\"}", FN),
                Rule.of("bad name!", "{\"type\":[\"t\"]}"));

        assertThatThrownBy(() -> RuleSet.of(rules))
                .isInstanceOfSatisfying(InvalidRulesException.class, e -> {
                    assertThat(e.isSafe()).isTrue();
                    assertThat(e.problems()).extracting(Problem::path).containsExactly(
                            "rules[1].pattern", "rules[1].name", "rules[2].name", "rules[2].targets");
                    assertThat(e.getMessage()).startsWith("invalid rules: rules[1].pattern: ");
                });
    }

    @Test
    void matching_whileAnotherThreadSwapsTheSet_alwaysSeesAWholeSet() throws Exception {
        RuleSet first = RuleSet.of(List.of(Rule.of("a", "{\"type\":[{\"prefix\":\"com.\"}]}", FN)));
        RuleSet second = RuleSet.of(List.of(Rule.of("b", "{\"region\":[\"eu-west-1\"]}", FN)));
        var current = new AtomicReference<>(first);
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<List<String>>> reader = pool.submit(() -> {
                start.await();
                var seen = new ArrayList<List<String>>();
                for (int i = 0; i < 2_000; i++) {
                    seen.add(current.get().matchingNames(ORDER));
                }
                return seen;
            });
            Future<?> writer = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    current.set(i % 2 == 0 ? second : first);
                }
                return null;
            });
            start.countDown();
            writer.get(30, TimeUnit.SECONDS);
            assertThat(reader.get(30, TimeUnit.SECONDS)).allSatisfy(
                    names -> assertThat(names).isIn(List.of("a"), List.of("b")));
        } finally {
            pool.shutdownNow();
        }
    }
}
