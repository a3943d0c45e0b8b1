package dev.gust.events;

import java.util.Locale;
import java.util.regex.Pattern;

/** Media-type tests on Content-Type values; parameters such as charset are ignored. */
final class MediaTypes {
    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN + "\\s*(;.*)?", Pattern.DOTALL);

    private MediaTypes() {
    }

    /** @return the type/subtype in lower case, without parameters */
    static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return bare.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isValid(String contentType) {
        return MEDIA_TYPE.matcher(contentType.strip()).matches();
    }

    /** @return whether data of this type is JSON: application/json, text/json or any +json */
    static boolean isJson(String contentType) {
        String essence = essence(contentType);
        return essence.equals("application/json") || essence.equals("text/json") || essence.endsWith("+json");
    }

    static boolean isText(String contentType) {
        String essence = essence(contentType);
        return essence.startsWith("text/") || essence.endsWith("+xml") || essence.equals("application/xml");
    }
}
