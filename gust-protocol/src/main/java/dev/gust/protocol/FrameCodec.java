package dev.gust.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes {@link Frame}s. Layout: {@code u32 length | u8 type | fields}, where
 * {@code length} counts the type byte and the fields. Strings are a u32 byte count and UTF-8;
 * byte arrays a u32 count and the bytes; booleans one byte. Stateless and thread-safe.
 */
public final class FrameCodec {
    /** The largest frame either side accepts: a 6 MB payload plus headroom. */
    public static final int MAX_FRAME = 8 * 1024 * 1024;
    /** The largest text a single {@link Frame.Log} carries. */
    public static final int MAX_LOG_CHUNK = 64 * 1024;

    static final byte HELLO = 1, READY = 2, INIT_FAILED = 3, INVOKE = 4, RESULT = 5, LOG = 6, SHUTDOWN = 7,
            CALL = 8, CALL_RESULT = 9, SPECIALIZE = 10;

    private FrameCodec() {
    }

    /**
     * @param frame a frame
     * @return its full encoding, length prefix included
     */
    public static byte[] encode(Frame frame) {
        var bytes = new ByteArrayOutputStream(64);
        var out = new DataOutputStream(bytes);
        try {
            out.writeInt(0);
            writeBody(frame, out);
        } catch (IOException e) {
            throw new AssertionError("in-memory stream", e);
        }
        byte[] encoded = bytes.toByteArray();
        ByteBuffer.wrap(encoded).putInt(0, encoded.length - 4);
        return encoded;
    }

    private static void writeBody(Frame frame, DataOutputStream out) throws IOException {
        switch (frame) {
            case Frame.Hello h -> {
                out.writeByte(HELLO);
                writeString(out, h.instanceId());
                out.writeLong(h.vmStartEpochMicros());
                out.writeLong(h.connectedEpochMicros());
            }
            case Frame.Ready r -> {
                out.writeByte(READY);
                out.writeLong(r.classLoadMicros());
                out.writeLong(r.initMicros());
            }
            case Frame.InitFailed f -> {
                out.writeByte(INIT_FAILED);
                writeError(out, f.error());
            }
            case Frame.Invoke i -> {
                out.writeByte(INVOKE);
                writeString(out, i.invocationId());
                out.writeLong(i.timeoutMillis());
                writeString(out, i.traceparent());
                writeString(out, i.correlationId());
                writeBytes(out, i.payload());
            }
            case Frame.Result r -> {
                out.writeByte(RESULT);
                writeString(out, r.invocationId());
                out.writeBoolean(r.ok());
                if (r.ok()) {
                    writeBytes(out, r.payload());
                } else {
                    writeError(out, r.error());
                }
            }
            case Frame.Log l -> {
                out.writeByte(LOG);
                writeString(out, l.invocationId());
                out.writeByte(l.stream().ordinal());
                writeString(out, l.text());
                out.writeBoolean(l.truncated());
            }
            case Frame.Shutdown s -> out.writeByte(SHUTDOWN);
            case Frame.Specialize s -> {
                out.writeByte(SPECIALIZE);
                out.writeInt(s.environment().size());
                for (var e : new java.util.TreeMap<>(s.environment()).entrySet()) {
                    writeString(out, e.getKey());
                    writeString(out, e.getValue());
                }
            }
            case Frame.Call c -> {
                out.writeByte(CALL);
                writeString(out, c.invocationId());
                writeString(out, c.callId());
                writeString(out, c.operation());
                writeBytes(out, c.payload());
            }
            case Frame.CallResult r -> {
                out.writeByte(CALL_RESULT);
                writeString(out, r.callId());
                out.writeBoolean(r.ok());
                if (r.ok()) {
                    writeBytes(out, r.payload());
                } else {
                    writeError(out, r.error());
                }
            }
        }
    }

    /**
     * Decodes one frame body (the bytes after the length prefix).
     *
     * @param body type byte and fields
     * @return the frame
     * @throws ProtocolException when the body is not a valid frame
     */
    public static Frame decode(byte[] body) {
        var in = new DataInputStream(new java.io.ByteArrayInputStream(body));
        try {
            Frame frame = readBody(in);
            if (in.available() != 0) {
                throw new ProtocolException("frame has " + in.available() + " trailing bytes");
            }
            return frame;
        } catch (IOException e) {
            throw new ProtocolException("truncated frame: " + e.getMessage());
        }
    }

    private static Frame readBody(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case HELLO -> new Frame.Hello(readString(in), in.readLong(), in.readLong());
            case READY -> new Frame.Ready(in.readLong(), in.readLong());
            case INIT_FAILED -> new Frame.InitFailed(readError(in));
            case INVOKE -> new Frame.Invoke(readString(in), in.readLong(), readString(in), readString(in),
                    readBytes(in));
            case RESULT -> {
                String id = readString(in);
                yield in.readBoolean() ? Frame.Result.success(id, readBytes(in))
                        : Frame.Result.failure(id, readError(in));
            }
            case LOG -> new Frame.Log(readString(in), readStream(in), readString(in), in.readBoolean());
            case SHUTDOWN -> new Frame.Shutdown();
            case SPECIALIZE -> new Frame.Specialize(readEnvironment(in));
            case CALL -> new Frame.Call(readString(in), readString(in), readString(in), readBytes(in));
            case CALL_RESULT -> {
                String id = readString(in);
                yield in.readBoolean() ? Frame.CallResult.success(id, readBytes(in))
                        : new Frame.CallResult(id, false, new byte[0], readError(in));
            }
            default -> throw new ProtocolException("unknown frame type " + type);
        };
    }

    private static java.util.Map<String, String> readEnvironment(DataInputStream in) throws IOException {
        int n = readCount(in);
        var env = new java.util.HashMap<String, String>();
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            if (env.put(name, readString(in)) != null) {
                throw new ProtocolException("Specialize names variable '" + name + "' twice");
            }
        }
        return env;
    }

    private static Frame.Stream readStream(DataInputStream in) throws IOException {
        int ordinal = in.readUnsignedByte();
        var streams = Frame.Stream.values();
        if (ordinal >= streams.length) {
            throw new ProtocolException("unknown log stream " + ordinal);
        }
        return streams[ordinal];
    }

    private static void writeError(DataOutputStream out, Frame.ErrorInfo e) throws IOException {
        writeString(out, e.errorType());
        writeString(out, e.message() == null ? "" : e.message());
        out.writeInt(e.stackTrace().size());
        for (String line : e.stackTrace()) {
            writeString(out, line);
        }
    }

    private static Frame.ErrorInfo readError(DataInputStream in) throws IOException {
        String type = readString(in);
        String message = readString(in);
        int n = readCount(in);
        List<String> trace = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            trace.add(readString(in));
        }
        return new Frame.ErrorInfo(type, message, List.copyOf(trace));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[readCount(in)];
        in.readFully(b);
        return b;
    }

    private static int readCount(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FRAME) {
            throw new ProtocolException("field length " + n + " outside 0.." + MAX_FRAME);
        }
        return n;
    }
}
