package dev.gust.common;

import java.util.Optional;
import java.util.regex.Pattern;

/** Accepts a caller's correlation id when it is well-formed, else makes a new one. */
public final class CorrelationIds {
    /** The header that carries a correlation id across every hop. */
    public static final String HEADER = "Gust-Correlation-Id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationIds() {
    }

    /**
     * @param header the incoming header value, possibly absent
     * @return the value when it is 1..128 characters of {@code [A-Za-z0-9._:-]}, else a new id
     */
    public static String acceptOrCreate(Optional<String> header) {
        return header.map(String::trim).filter(h -> VALID.matcher(h).matches()).orElseGet(() -> Ids.randomHex(16));
    }
}
