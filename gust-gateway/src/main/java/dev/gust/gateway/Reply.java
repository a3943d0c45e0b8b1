package dev.gust.gateway;

import java.util.List;

/**
 * An HTTP response to send.
 *
 * @param status the status code
 * @param headers the headers in order; a name may repeat ({@code Set-Cookie})
 * @param body the body bytes
 */
record Reply(int status, List<Header> headers, byte[] body) {
    Reply {
        headers = List.copyOf(headers);
    }

    /** @param name a header name @param value its value */
    record Header(String name, String value) {
    }
}
