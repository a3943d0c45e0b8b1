package dev.gust.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testing.FunctionTester;
import dev.gust.testing.HttpEvents;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelloTest {
    private final FunctionTester<Map<String, Object>, Map<String, String>> hello = FunctionTester.of(new Hello());

    @Test
    void route_greetsTheNameInTheQueryString() throws Exception {
        var event = HttpEvents.get("/hello").query("name", "Ada").buildMap();

        assertThat(hello.invoke(event)).containsExactly(Map.entry("message", "Hello, Ada"));
    }

    @Test
    void route_withoutName_greetsTheWorld() throws Exception {
        assertThat(hello.invoke(HttpEvents.get("/hello").buildMap())).containsEntry("message", "Hello, world");
    }

    @Test
    void route_ignoresANameOutsideTheQueryString() throws Exception {
        var event = HttpEvents.get("/hello").header("name", "Mallory").buildMap();

        assertThat(hello.invoke(event)).containsEntry("message", "Hello, world");
    }

    @Test
    void directInvoke_greetsTheNameInThePayload() throws Exception {
        assertThat(hello.invoke(Map.of("name", "Grace"))).containsEntry("message", "Hello, Grace");
    }

    @Test
    void directInvoke_withEmptyBlankOrNonTextName_greetsTheWorld() throws Exception {
        assertThat(hello.invoke(Map.of())).containsEntry("message", "Hello, world");
        assertThat(hello.invoke(Map.of("name", "  "))).containsEntry("message", "Hello, world");
        assertThat(hello.invoke(Map.of("name", 42))).containsEntry("message", "Hello, world");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        assertThat(hello.invoke(nullName)).containsEntry("message", "Hello, world");
    }

    @Test
    void directInvoke_withNullPayload_greetsTheWorld() throws Exception {
        assertThat(hello.invoke(null)).containsEntry("message", "Hello, world");
    }
}
