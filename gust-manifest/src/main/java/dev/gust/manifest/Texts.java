package dev.gust.manifest;

/** Renders values inside messages. */
final class Texts {
    private static final int SHOWN = 60;

    private Texts() {
    }

    /** @return the text in double quotes, shortened and with control characters escaped */
    static String quote(String text) {
        String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
        StringBuilder b = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
