package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    @Test
    void request_carriesMethodPathHeadersAndABodyWithItsLength() {
        byte[] req = HttpProbe.request("POST", "/v1/events", Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(req, StandardCharsets.US_ASCII)).startsWith("POST /v1/events HTTP/1.1\r\n")
                .contains("Content-Type: application/json\r\n", "Content-Length: 2\r\n").endsWith("\r\n\r\n{}");
    }

    @Test
    void request_getWithoutBody_hasNoContentLength() {
        byte[] req = HttpProbe.request("GET", "/v1/queues/q", Map.of(), new byte[0]);

        assertThat(new String(req, StandardCharsets.US_ASCII)).doesNotContain("Content-Length").endsWith("\r\n\r\n");
    }

    @Test
    void call_readsStatusAndBody_andTheNextAnswerOnTheSameConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            var answers = serve(server, "HTTP/1.1 202 Accepted\r\nContent-Length: 8\r\n\r\n{\"a\":1}\n",
                    "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
            try (HttpProbe probe = new HttpProbe(server.getLocalPort())) {
                byte[] req = HttpProbe.request("GET", "/", Map.of(), new byte[0]);

                assertThat(probe.call(req)).isEqualTo(new HttpProbe.Reply(202, "{\"a\":1}\n"));
                assertThat(probe.send(req)).isEqualTo(200);
            }
            answers.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void call_whenTheServerClosesMidAnswer_failsSayingSo() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            var answers = serve(server, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
            try (HttpProbe probe = new HttpProbe(server.getLocalPort())) {
                assertThatThrownBy(() -> probe.call(HttpProbe.request("GET", "/", Map.of(), new byte[0])))
                        .isInstanceOf(IOException.class).hasMessageContaining("closed mid-response");
            }
            answers.get(30, TimeUnit.SECONDS);
        }
    }

    /** Answers one request per canned answer on one connection, then closes it. */
    private static CompletableFuture<Void> serve(ServerSocket server, String... answers) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                for (String answer : answers) {
                    readHead(s.getInputStream());
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed");
            }
            head.write(b);
        }
    }
}
