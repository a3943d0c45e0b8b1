package dev.gust.common;

import java.util.Optional;

/** Accepts a caller's correlation id when it is well-formed, else makes a new one. Stateless. */
public final class CorrelationIds {
    /** The header that carries a correlation id across every hop. */
    public static final String HEADER = "Gust-Correlation-Id";
    /** The longest correlation id accepted. */
    public static final int MAX_LENGTH = 128;

    private CorrelationIds() {
    }

    /**
     * @param header the incoming header value, possibly absent
     * @return the value when it {@link #isValid is valid}, else a new id
     */
    public static String acceptOrCreate(Optional<String> header) {
        return header.filter(CorrelationIds::isValid).orElseGet(() -> Ids.randomHex(16));
    }

    /**
     * Checked on every request, so a plain loop rather than a regular expression.
     *
     * @param s a candidate
     * @return whether it is 1..128 characters of {@code [A-Za-z0-9._:-]}
     */
    public static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
