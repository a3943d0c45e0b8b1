package dev.gust.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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

    /** A probe for {@link #get()} of one path. */
    HttpProbe(int port, String path) throws IOException {
        this(port, request("GET", path, Map.of(), new byte[0]));
    }

    /** A probe for {@link #send} and {@link #call} of any request. */
    HttpProbe(int port) throws IOException {
        this(port, new byte[0]);
    }

    private HttpProbe(int port, byte[] request) throws IOException {
        this.request = request;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** @return the bytes of one HTTP/1.1 request with a Content-Length body */
    static byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: gust-bench\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body.length > 0 || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** @return the status of this probe's GET, after its whole body was read */
    int get() throws IOException {
        return send(request);
    }

    /** @return the status of one request, after its whole body was read (and dropped) */
    int send(byte[] req) throws IOException {
        out.write(req);
        out.flush();
        String status = line();
        skip(contentLength());
        return Integer.parseInt(status.substring(9, 12));
    }

    /** One answer: its status and its body as UTF-8 text. */
    record Reply(int status, String body) {
    }

    /** @return the status and body of one request */
    Reply call(byte[] req) throws IOException {
        out.write(req);
        out.flush();
        String status = line();
        byte[] body = new byte[contentLength()];
        for (int at = 0; at < body.length; ) {
            if (pos == limit) {
                fill();
            }
            int step = Math.min(body.length - at, limit - pos);
            System.arraycopy(buf, pos, body, at, step);
            pos += step;
            at += step;
        }
        return new Reply(Integer.parseInt(status.substring(9, 12)), new String(body, StandardCharsets.UTF_8));
    }

    private int contentLength() throws IOException {
        int length = 0;
        for (String h = line(); !h.isEmpty(); h = line()) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        return length;
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
