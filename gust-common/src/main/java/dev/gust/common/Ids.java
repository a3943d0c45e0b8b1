package dev.gust.common;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * Makes identifiers. Invocation ids sort by creation time: 12 hex digits of epoch milliseconds
 * followed by 16 random hex digits. Thread-safe.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    /**
     * @param clock the source of the time prefix
     * @return a new time-ordered id, 28 hex digits
     */
    public static String timeOrdered(InstantSource clock) {
        return String.format("%012x", clock.millis()) + randomHex(8);
    }

    /**
     * Random, unique in practice, but not for secrets: ids are made on every request and a
     * cryptographic source serialises its callers.
     *
     * @param bytes how many random bytes
     * @return {@code 2 * bytes} lowercase hex digits
     */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
        return HEX.formatHex(b);
    }

    /**
     * @param bytes how many random bytes
     * @return {@code 2 * bytes} lowercase hex digits from a cryptographically strong source, for
     *     tokens and keys
     */
    public static String secretHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /**
     * @param prefix e.g. {@code "i-"}
     * @return the prefix and 12 random hex digits
     */
    public static String shortId(String prefix) {
        return prefix + randomHex(6);
    }
}
