package dev.gust.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client over one socket, so the client's own overhead stays far
 * below what is measured. Understands only Content-Length bodies. Not thread-safe: one per thread.
 */
final class HttpProbe implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private final byte[] request;

    HttpProbe(int port, String path) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: gust-bench\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the status of one request, after its whole body was read */
    int get() throws IOException {
        out.write(request);
        out.flush();
        String status = line();
        int length = 0;
        for (String h = line(); !h.isEmpty(); h = line()) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        skip(length);
        return Integer.parseInt(status.substring(9, 12));
    }

    /** Reads one header line from the buffer, refilling it as needed; a plain loop, no per-byte locks. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                fill();
            }
            byte c = buf[pos++];
            if (c == '\n') {
                return sb.toString();
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
    }

    private void skip(int n) throws IOException {
        while (n > 0) {
            if (pos == limit) {
                fill();
            }
            int step = Math.min(n, limit - pos);
            pos += step;
            n -= step;
        }
    }

    private void fill() throws IOException {
        limit = in.read(buf);
        pos = 0;
        if (limit < 0) {
            throw new IOException("connection closed mid-response");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
