package dev.gust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentTest {

    @Test
    void decode_multiByteEscapes_becomeOneCharacter() {
        assertThat(Percent.decode("caf%C3%A9%20%e2%82%ac", false)).isEqualTo("café €");
    }

    @Test
    void decode_plusIsASpaceOnlyInQueries() {
        assertThat(Percent.decode("a+b", true)).isEqualTo("a b");
        assertThat(Percent.decode("a+b", false)).isEqualTo("a+b");
    }

    @Test
    void decode_malformedEscapes_areKeptAsWritten() {
        assertThat(Percent.decode("100%", false)).isEqualTo("100%");
        assertThat(Percent.decode("%zz%4", false)).isEqualTo("%zz%4");
        assertThat(Percent.decode("%41%", false)).isEqualTo("A%");
    }

    @Test
    void decode_nonAsciiText_passesThrough() {
        assertThat(Percent.decode("😀é%21", false)).isEqualTo("😀é!");
    }
}
