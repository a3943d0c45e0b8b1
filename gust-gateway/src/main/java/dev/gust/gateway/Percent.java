package dev.gust.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding without regexes or exceptions on the hot path. */
final class Percent {
    private Percent() {
    }

    /**
     * @param s an encoded path segment or query component
     * @param plusIsSpace whether {@code +} means a space (query strings) or itself (paths)
     * @return the decoded text; a malformed escape is kept as written
     */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        var out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int escaped = c == '%' ? hex(s, i + 1) : -1;
            if (escaped >= 0) {
                out.write(escaped);
                i += 3;
                continue;
            }
            if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
            i += Character.charCount(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return the byte of the two hex digits at {@code i}, or -1 when they are not two hex digits */
    private static int hex(String s, int i) {
        if (i + 1 >= s.length()) {
            return -1;
        }
        int a = Character.digit(s.charAt(i), 16);
        int b = Character.digit(s.charAt(i + 1), 16);
        return a < 0 || b < 0 ? -1 : a * 16 + b;
    }
}
