package dev.gust.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries so a receiver can tell they come from this Gust and were not replayed.
 *
 * <p>The {@value #HEADER} header is {@code t=<unix seconds>,v1=<hex>}, where {@code <hex>} is the
 * lower-case hex HMAC-SHA256, keyed with the webhook's secret, of the UTF-8 timestamp, a dot and
 * the exact body bytes: {@code HMAC(secret, t + "." + body)}. A receiver recomputes it, compares
 * in constant time, and refuses timestamps further than a tolerance (5 minutes by default) from
 * its own clock. Several {@code v1=} entries may appear while a secret is being rotated; one
 * match is enough.
 *
 * <p>Stateless and safe to use from any thread.
 */
public final class WebhookSignature {
    /** The header that carries the signature. */
    public static final String HEADER = "Gust-Signature";
    /** How far a timestamp may be from the receiver's clock unless it says otherwise. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** What a receiver made of a signature header. */
    public sealed interface Verification permits Valid, Invalid {
        /** @return whether the delivery may be trusted */
        default boolean isValid() {
            return this instanceof Valid;
        }
    }

    /** The header is well formed, recent, and one of its signatures matches. */
    public record Valid() implements Verification {
    }

    /** @param reason why the delivery is not to be trusted, safe to log */
    public record Invalid(String reason) implements Verification {
    }

    /** @return the {@value #HEADER} value for this body, timestamped by the clock */
    public static String sign(byte[] secret, byte[] body, InstantSource clock) {
        return header(secret, clock.instant().getEpochSecond(), body);
    }

    /** @return the {@value #HEADER} value for this body at this unix time */
    public static String header(byte[] secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    /**
     * @param header the {@value #HEADER} value received; any text, never throws for a bad one
     * @param tolerance how far the timestamp may be from the clock, either way
     * @return {@link Valid}, or {@link Invalid} with the reason
     */
    public static Verification verify(byte[] secret, String header, byte[] body, InstantSource clock,
            Duration tolerance) {
        OptionalLong timestamp = OptionalLong.empty();
        var signatures = new ArrayList<String>();
        for (String part : header.split(",", -1)) {
            String item = part.strip();
            if (item.startsWith("t=")) {
                timestamp = parseLong(item.substring(2));
            } else if (item.startsWith("v1=")) {
                signatures.add(item.substring(3));
            }
        }
        if (timestamp.isEmpty()) {
            return new Invalid("no t=<unix seconds> in the signature header");
        }
        return verify(secret, timestamp.getAsLong(), signatures, body, clock, tolerance);
    }

    private static Verification verify(byte[] secret, long timestamp, List<String> signatures, byte[] body,
            InstantSource clock, Duration tolerance) {
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - tolerance.toSeconds() || timestamp > now + tolerance.toSeconds()) {
            return new Invalid("timestamp " + timestamp + " is more than " + tolerance.toSeconds()
                    + " s from now (" + now + ")");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            // no early exit: every candidate is compared, each in constant time
            matched |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return matched ? new Valid() : new Invalid(signatures.isEmpty()
                ? "no v1=<signature> in the signature header" : "no v1 signature matches the body");
    }

    private static OptionalLong parseLong(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static byte[] hmac(byte[] secret, long unixSeconds, byte[] body) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
