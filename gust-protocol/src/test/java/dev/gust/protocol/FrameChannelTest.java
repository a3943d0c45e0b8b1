package dev.gust.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameChannelTest {
    @TempDir
    Path dir;

    @Test
    void framesCrossARealUnixSocketInOrder_andACleanCloseIsEmpty() throws Exception {
        Path socket = dir.resolve("s.sock");
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            var accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return FrameChannel.of(server.accept());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (FrameChannel client = FrameChannel.connect(socket)) {
                FrameChannel node = accepted.get(30, TimeUnit.SECONDS);
                client.send(new Frame.Hello("i-1", 1, 2));
                client.send(new Frame.Ready(3, 4));
                assertThat(node.receive()).contains(new Frame.Hello("i-1", 1, 2));
                assertThat(node.receive()).contains(new Frame.Ready(3, 4));
                client.close();
                assertThat(node.receive()).isEmpty();
                node.close();
            }
        }
    }

    @Test
    void receive_refusesAFrameLengthOutsideTheLimit() {
        byte[] huge = ByteBuffer.allocate(4).putInt(FrameCodec.MAX_FRAME + 1).array();
        var channel = new FrameChannel(new ByteArrayInputStream(huge), new ByteArrayOutputStream(), () -> { });
        assertThatThrownBy(channel::receive).isInstanceOf(ProtocolException.class).hasMessageContaining("frame length");
        var empty = new FrameChannel(new ByteArrayInputStream(ByteBuffer.allocate(4).putInt(0).array()),
                new ByteArrayOutputStream(), () -> { });
        assertThatThrownBy(empty::receive).isInstanceOf(ProtocolException.class);
    }
}
