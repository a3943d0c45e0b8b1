package dev.gust.protocol;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bidirectional stream of frames, normally over a Unix domain socket. {@link #send} may be called
 * from any thread (writes are serialised); {@link #receive} from one reader thread at a time.
 */
public final class FrameChannel implements Closeable {
    private final DataInputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final ReentrantLock writeLock = new ReentrantLock();

    /**
     * @param in the stream frames are read from
     * @param out the stream frames are written to
     * @param resource closed by {@link #close()}
     */
    public FrameChannel(InputStream in, OutputStream out, Closeable resource) {
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        this.out = out;
        this.resource = resource;
    }

    /**
     * @param channel a connected socket channel
     * @return a frame channel over it
     */
    public static FrameChannel of(SocketChannel channel) {
        return new FrameChannel(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
    }

    /**
     * @param socket the path of a listening Unix domain socket
     * @return a frame channel connected to it
     * @throws IOException when nothing listens there
     */
    public static FrameChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return of(ch);
    }

    /**
     * Sends one frame, whole.
     *
     * @param frame the frame
     * @throws IOException when the peer is gone
     */
    public void send(Frame frame) throws IOException {
        byte[] bytes = FrameCodec.encode(frame);
        writeLock.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Blocks until a frame arrives.
     *
     * @return the frame, or empty when the peer closed the channel cleanly between frames
     * @throws IOException when the channel breaks
     * @throws ProtocolException when the peer sends an invalid frame
     */
    public Optional<Frame> receive() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return Optional.empty();
        }
        if (length < 1 || length > FrameCodec.MAX_FRAME) {
            throw new ProtocolException("frame length " + length + " outside 1.." + FrameCodec.MAX_FRAME);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return Optional.of(FrameCodec.decode(body));
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
