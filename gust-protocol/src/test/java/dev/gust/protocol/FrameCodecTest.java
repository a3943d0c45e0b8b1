package dev.gust.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    static Frame roundTrip(Frame f) {
        byte[] encoded = FrameCodec.encode(f);
        assertThat(ByteBuffer.wrap(encoded).getInt()).isEqualTo(encoded.length - 4);
        return FrameCodec.decode(Arrays.copyOfRange(encoded, 4, encoded.length));
    }

    @Test
    void everyFrameType_survivesARoundTrip() {
        var error = new Frame.ErrorInfo("IllegalStateException", "boom", List.of("at a.B.c(B.java:1)"));
        assertThat(roundTrip(new Frame.Hello("i-1", 10, 20))).isEqualTo(new Frame.Hello("i-1", 10, 20));
        assertThat(roundTrip(new Frame.Ready(3, 4))).isEqualTo(new Frame.Ready(3, 4));
        assertThat(roundTrip(new Frame.InitFailed(error))).isEqualTo(new Frame.InitFailed(error));
        assertThat(roundTrip(new Frame.Log("inv", Frame.Stream.STDERR, "line", true)))
                .isEqualTo(new Frame.Log("inv", Frame.Stream.STDERR, "line", true));
        assertThat(roundTrip(new Frame.Shutdown())).isInstanceOf(Frame.Shutdown.class);
        var failure = (Frame.Result) roundTrip(Frame.Result.failure("inv", error));
        assertThat(failure.ok()).isFalse();
        assertThat(failure.error()).isEqualTo(error);
    }

    @Property
    void invokeAndResult_carryAnyTextAndBytesUnchanged(@ForAll String id, @ForAll String traceparent,
            @ForAll String correlation, @ForAll byte[] payload, @ForAll long timeout) {
        var invoke = (Frame.Invoke) roundTrip(new Frame.Invoke(id, timeout, traceparent, correlation, payload));
        assertThat(invoke.invocationId()).isEqualTo(id);
        assertThat(invoke.timeoutMillis()).isEqualTo(timeout);
        assertThat(invoke.traceparent()).isEqualTo(traceparent);
        assertThat(invoke.correlationId()).isEqualTo(correlation);
        assertThat(invoke.payload()).isEqualTo(payload);
        var result = (Frame.Result) roundTrip(Frame.Result.success(id, payload));
        assertThat(result.ok()).isTrue();
        assertThat(result.payload()).isEqualTo(payload);
    }

    @Property
    void callAndCallResult_carryAnyTextAndBytesUnchanged(@ForAll String invocationId, @ForAll String callId,
            @ForAll String operation, @ForAll byte[] payload) {
        var call = (Frame.Call) roundTrip(new Frame.Call(invocationId, callId, operation, payload));
        assertThat(call.invocationId()).isEqualTo(invocationId);
        assertThat(call.callId()).isEqualTo(callId);
        assertThat(call.operation()).isEqualTo(operation);
        assertThat(call.payload()).isEqualTo(payload);
        var ok = (Frame.CallResult) roundTrip(Frame.CallResult.success(callId, payload));
        assertThat(ok.ok()).isTrue();
        assertThat(ok.callId()).isEqualTo(callId);
        assertThat(ok.payload()).isEqualTo(payload);
    }

    @Test
    void callResult_failure_keepsTheErrorTypeAndMessage() {
        var failed = (Frame.CallResult) roundTrip(Frame.CallResult.failure("c-7", "QueueDoesNotExist", "no queue named x"));
        assertThat(failed.ok()).isFalse();
        assertThat(failed.callId()).isEqualTo("c-7");
        assertThat(failed.payload()).isEmpty();
        assertThat(failed.error()).isEqualTo(new Frame.ErrorInfo("QueueDoesNotExist", "no queue named x", List.of()));
    }

    @Test
    void decode_refusesATruncatedOrOverlongCall() {
        byte[] call = FrameCodec.encode(new Frame.Call("inv", "c-1", Frame.Call.QUEUE_SEND, "{}".getBytes()));
        assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOfRange(call, 4, call.length - 1)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOfRange(call, 4, call.length + 2)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("trailing");
        ByteBuffer overlong = ByteBuffer.allocate(5);
        overlong.put(FrameCodec.CALL).putInt(FrameCodec.MAX_FRAME + 1);
        assertThatThrownBy(() -> FrameCodec.decode(overlong.array())).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("field length");
        byte[] result = FrameCodec.encode(Frame.CallResult.failure("c-1", "X", "m"));
        assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOfRange(result, 4, result.length - 2)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("truncated");
    }

    @Property
    void decode_ofArbitraryBytes_eitherDecodesOrRefusesWithAProtocolException(@ForAll byte[] body) {
        try {
            FrameCodec.decode(body);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void decode_refusesUnknownTypesTrailingBytesAndTruncation() {
        assertThatThrownBy(() -> FrameCodec.decode(new byte[] {99})).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown frame type 99");
        byte[] ready = FrameCodec.encode(new Frame.Ready(1, 2));
        byte[] withTrailer = Arrays.copyOfRange(ready, 4, ready.length + 1);
        assertThatThrownBy(() -> FrameCodec.decode(withTrailer)).hasMessageContaining("trailing");
        byte[] truncated = Arrays.copyOfRange(ready, 4, ready.length - 3);
        assertThatThrownBy(() -> FrameCodec.decode(truncated)).hasMessageContaining("truncated");
    }

    @Test
    void decode_refusesAFieldLongerThanAFrameCanBe() {
        ByteBuffer b = ByteBuffer.allocate(5);
        b.put(FrameCodec.HELLO).putInt(FrameCodec.MAX_FRAME + 1);
        assertThatThrownBy(() -> FrameCodec.decode(b.array())).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("field length");
    }

    @Test
    void strings_areUtf8() {
        var log = (Frame.Log) roundTrip(new Frame.Log("", Frame.Stream.STDOUT, "grüße ✓", false));
        assertThat(log.text().getBytes(StandardCharsets.UTF_8)).isEqualTo("grüße ✓".getBytes(StandardCharsets.UTF_8));
    }
}
