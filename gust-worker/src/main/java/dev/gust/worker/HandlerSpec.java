package dev.gust.worker;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed {@code GUST_HANDLER}: {@code com.example.Hello} or {@code com.example.Hello::method}.
 *
 * @param className the binary name of the handler class
 * @param method the method to call, when named
 */
record HandlerSpec(String className, Optional<String> method) {
    private static final Pattern CLASS = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern METHOD = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    /**
     * @param spec the handler spec
     * @return it, parsed
     * @throws IllegalArgumentException saying what a spec looks like
     */
    static HandlerSpec parse(String spec) {
        String s = spec.trim();
        int sep = s.indexOf("::");
        String cls = sep < 0 ? s : s.substring(0, sep);
        Optional<String> method = sep < 0 ? Optional.empty() : Optional.of(s.substring(sep + 2));
        if (!CLASS.matcher(cls).matches() || !method.map(m -> METHOD.matcher(m).matches()).orElse(true)) {
            throw new IllegalArgumentException("must be a class name, optionally followed by ::method "
                    + "(e.g. com.example.Hello or com.example.Hello::handle), got '" + spec + "'");
        }
        return new HandlerSpec(cls, method);
    }

    @Override
    public String toString() {
        return className + method.map(m -> "::" + m).orElse("");
    }
}
