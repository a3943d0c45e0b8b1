package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.protocol.Frame;
import dev.gust.protocol.FrameChannel;
import dev.gust.protocol.FrameCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class LogSinkTest {

    /** Lines survive chunking: each chunk fits a frame, splits no character, and they join up again. */
    @Property(tries = 200)
    void write_anyText_isSentAsLinesInChunksThatRejoinExactly(@ForAll @StringLength(max = 200) String unit,
            @ForAll @IntRange(min = 1, max = 700) int repeat) throws IOException {
        String line = unit.replace("\n", "").replace("\r", "").repeat(repeat);
        var sent = new Recording(Long.MAX_VALUE);
        byte[] bytes = (line + "\nsecond").getBytes(StandardCharsets.UTF_8);
        sent.sink.write(Frame.Stream.STDOUT, bytes, 0, bytes.length);
        sent.sink.close();
        List<Frame.Log> logs = sent.logs();
        assertThat(logs).allMatch(l -> l.text().getBytes(StandardCharsets.UTF_8).length <= FrameCodec.MAX_LOG_CHUNK)
                .allMatch(l -> !l.truncated());
        assertThat(logs.getLast().text()).isEqualTo("second");
        assertThat(String.join("", logs.subList(0, logs.size() - 1).stream().map(Frame.Log::text).toList()))
                .isEqualTo(line);
    }

    @Property(tries = 100)
    void write_beyondTheCap_neverSendsMoreThanTheCapAndMarksTheLastFrame(
            @ForAll @IntRange(min = 0, max = 5000) int cap, @ForAll @StringLength(min = 1, max = 300) String text)
            throws IOException {
        var sent = new Recording(cap);
        for (int i = 0; i < 20; i++) {
            byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
            sent.sink.write(Frame.Stream.STDERR, b, 0, b.length);
            sent.sink.log(text);
        }
        sent.sink.close();
        List<Frame.Log> logs = sent.logs();
        assertThat(logs.stream().mapToInt(l -> l.text().getBytes(StandardCharsets.UTF_8).length).sum())
                .isLessThanOrEqualTo(cap);
        assertThat(logs.stream().filter(Frame.Log::truncated).count()).isLessThanOrEqualTo(1);
        logs.stream().filter(Frame.Log::truncated).findFirst().ifPresent(t -> assertThat(logs.getLast()).isSameAs(t));
        assertThat(sent.sink.isTruncated()).isEqualTo(logs.stream().anyMatch(Frame.Log::truncated));
    }

    @org.junit.jupiter.api.Test
    void write_crlfLines_dropTheLineBreak() throws IOException {
        var sent = new Recording(Long.MAX_VALUE);
        byte[] b = "one\r\ntwo\n".getBytes(StandardCharsets.UTF_8);
        sent.sink.write(Frame.Stream.STDOUT, b, 0, b.length);
        assertThat(sent.logs()).extracting(Frame.Log::text).containsExactly("one", "two");
    }

    /** A sink whose channel writes into memory; {@link #logs()} decodes what it sent. */
    private static final class Recording {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final LogSink sink;

        Recording(long cap) {
            var channel = new FrameChannel(new ByteArrayInputStream(new byte[0]), bytes, () -> { });
            sink = new LogSink(channel, "inv-1", cap, new PrintStream(new ByteArrayOutputStream()));
        }

        List<Frame.Log> logs() throws IOException {
            var in = new FrameChannel(new ByteArrayInputStream(bytes.toByteArray()), new ByteArrayOutputStream(), () -> { });
            var logs = new ArrayList<Frame.Log>();
            for (Optional<Frame> f = in.receive(); f.isPresent(); f = in.receive()) {
                logs.add((Frame.Log) f.get());
            }
            return logs;
        }
    }
}
