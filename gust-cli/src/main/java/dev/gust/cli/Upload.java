package dev.gust.cli;

import java.io.PrintStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/** A request body that reports how much of it the HTTP client has taken, for a progress line. */
final class Upload {
    static final int CHUNK = 64 * 1024;

    private Upload() {
    }

    /**
     * @param body the bytes to send (not empty)
     * @param sent called with the running total each time a chunk is handed to the connection
     * @return a publisher with a known length, so the request has a {@code Content-Length}
     */
    static BodyPublisher withProgress(byte[] body, LongConsumer sent) {
        Iterable<byte[]> chunks = () -> new Iterator<>() {
            private int offset;

            @Override
            public boolean hasNext() {
                return offset < body.length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = Math.min(CHUNK, body.length - offset);
                byte[] chunk = Arrays.copyOfRange(body, offset, offset + n);
                offset += n;
                sent.accept(offset);
                return chunk;
            }
        };
        return BodyPublishers.fromPublisher(BodyPublishers.ofByteArrays(chunks), body.length);
    }

    /**
     * @param err where the line goes
     * @param total the body's size
     * @return a consumer that rewrites {@code uploading 1.2 MB / 3.4 MB} in place, ending with a newline
     */
    static LongConsumer progressLine(PrintStream err, long total) {
        return new LongConsumer() {
            private long shownPercent = -1;

            @Override
            public void accept(long sent) {
                long percent = total == 0 ? 100 : sent * 100 / total;
                if (percent == shownPercent) {
                    return;
                }
                shownPercent = percent;
                err.print("\ruploading " + Formats.bytes(sent) + " / " + Formats.bytes(total));
                if (sent >= total) {
                    err.println();
                }
                err.flush();
            }
        };
    }
}
