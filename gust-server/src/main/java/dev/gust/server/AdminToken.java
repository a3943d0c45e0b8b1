package dev.gust.server;

import dev.gust.common.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The admin API's bearer token: created once per data directory (mode 0600), read on every later
 * start. Compared in constant time. Immutable, thread-safe.
 */
final class AdminToken {
    static final String FILE = "admin-token";
    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    static AdminToken loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Ids.secretHex(32) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            } catch (FileAlreadyExistsException raced) {
                // another node on the same directory made it first; read theirs
            }
        }
        String value = Files.readString(file).trim();
        if (value.length() < 32) {
            throw new IOException(file + " holds no usable token (fewer than 32 characters); delete it to make a new one");
        }
        return new AdminToken(value);
    }

    String value() {
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** @param authorization the {@code Authorization} header, possibly null */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, token);
    }
}
