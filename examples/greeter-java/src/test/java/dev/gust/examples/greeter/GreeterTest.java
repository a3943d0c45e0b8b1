package dev.gust.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testing.FunctionTester;
import dev.gust.testing.TestContext;
import org.junit.jupiter.api.Test;

class GreeterTest {
    private final TestContext context = TestContext.builder()
            .functionName("greet").env("GREETING_PREFIX", "From Gust:").invocationId("inv-1").build();
    private final FunctionTester<Greeting, Reply> greeter = FunctionTester.of(new Greeter(), context);

    @Test
    void greet_inTheAskedLanguage_withThePrefixFromTheEnvironment() throws Exception {
        Reply reply = greeter.invoke(new Greeting("Ada", "fr"));

        assertThat(reply).isEqualTo(new Reply("From Gust: Bonjour, Ada", "fr", "inv-1"));
    }

    @Test
    void greet_logsReadinessOnceAndEachGreeting() throws Exception {
        greeter.invoke(new Greeting("Ada", "de"));
        greeter.invoke(new Greeting("Grace", "es"));

        assertThat(greeter.logLines()).containsExactly(
                "greeter ready, prefix \"From Gust:\"", "greeting Ada in de", "greeting Grace in es");
    }

    @Test
    void greet_withoutNameOrLanguage_greetsTheWorldInEnglish() throws Exception {
        assertThat(greeter.invoke(new Greeting(null, " ")).text()).isEqualTo("From Gust: Hello, world");
        assertThat(greeter.invoke(null).language()).isEqualTo("en");
    }

    @Test
    void greet_acceptsLanguageInAnyCase() throws Exception {
        assertThat(greeter.invoke(new Greeting("Ada", "FR")).text()).endsWith("Bonjour, Ada");
    }

    @Test
    void greet_withoutPrefixVariable_hasNoPrefix() throws Exception {
        var plain = FunctionTester.of(new Greeter());

        assertThat(plain.invoke(new Greeting("Ada", "en")).text()).isEqualTo("Hello, Ada");
    }

    @Test
    void greet_inAnUnknownLanguage_failsSayingWhichAreKnown_andLogsNoGreeting() {
        assertThatThrownBy(() -> greeter.invoke(new Greeting("Ada", "tlh")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("language must be one of [de, en, es, fr], was tlh");
        assertThat(greeter.logLines()).noneMatch(l -> l.startsWith("greeting"));
    }
}
