package dev.gust.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
    static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void parse_readsTraceSpanAndSampledFlag() {
        var t = TraceContext.parse(VALID).orElseThrow();
        assertThat(t.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(t.spanId()).isEqualTo("b7ad6b7169203331");
        assertThat(t.sampled()).isTrue();
        assertThat(TraceContext.parse(VALID.replace("-01", "-00")).orElseThrow().sampled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", // version ff is invalid
        "00-00000000000000000000000000000000-b7ad6b7169203331-01", // all-zero trace id
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01", // all-zero span id
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01", // upper case
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra", // version 00 has no more fields
        "00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01", // short trace id
        "garbage"})
    void parse_refusesWhatTheSpecificationRefuses(String header) {
        assertThat(TraceContext.parse(header)).isEmpty();
    }

    @Test
    void parse_acceptsAFutureVersionWithMoreFields() {
        assertThat(TraceContext.parse("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what")).isPresent();
    }

    @Test
    void continueFrom_makesAChildSpanOfTheCaller_orANewTraceWhenTheHeaderIsBad() {
        var child = TraceContext.continueFrom(Optional.of(VALID));
        assertThat(child.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(child.parentSpanId()).contains("b7ad6b7169203331");
        assertThat(child.spanId()).hasSize(16).isNotEqualTo("b7ad6b7169203331");
        assertThat(child.traceparent()).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01");

        var fresh = TraceContext.continueFrom(Optional.of("nonsense"));
        assertThat(fresh.traceId()).hasSize(32).isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(fresh.parentSpanId()).isEmpty();
        assertThat(TraceContext.parse(fresh.traceparent())).isPresent();
    }
}
