package dev.gust.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final byte[] SECRET = "whsec-test".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_800_000_000L));

    private WebhookSignature.Verification verify(String header, byte[] body) {
        return WebhookSignature.verify(SECRET, header, body, clock, WebhookSignature.DEFAULT_TOLERANCE);
    }

    @Test
    void header_isTheDocumentedHmacOverTimestampDotBody() {
        // HMAC-SHA256("whsec-test", "1800000000.{\"id\":\"e-1\"}"), computed independently with openssl
        assertThat(WebhookSignature.header(SECRET, 1_800_000_000L, BODY)).isEqualTo(
                "t=1800000000,v1=0025237037298b67674e371a903859c9d820132d7c7769b16858dae488897e70");
    }

    @Test
    void verify_whenSignedNow_isValid() {
        String header = WebhookSignature.sign(SECRET, BODY, clock);
        clock.advance(Duration.ofMinutes(4));

        assertThat(verify(header, BODY)).isEqualTo(new WebhookSignature.Valid());
    }

    @Test
    void verify_whenBodyWasChanged_isInvalid() {
        String header = WebhookSignature.sign(SECRET, BODY, clock);

        assertThat(verify(header, "{\"id\":\"e-2\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new WebhookSignature.Invalid("no v1 signature matches the body"));
    }

    @Test
    void verify_whenSignedWithAnotherSecret_isInvalid() {
        String header = WebhookSignature.sign("other".getBytes(StandardCharsets.UTF_8), BODY, clock);

        assertThat(verify(header, BODY).isValid()).isFalse();
    }

    @Test
    void verify_whenTimestampIsOutsideTheTolerance_isInvalidEitherWay() {
        String header = WebhookSignature.sign(SECRET, BODY, clock);
        clock.advance(Duration.ofMinutes(6));
        assertThat(verify(header, BODY)).isInstanceOfSatisfying(WebhookSignature.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("more than 300 s from now"));

        clock.set(Instant.ofEpochSecond(1_800_000_000L - 301));
        assertThat(verify(header, BODY).isValid()).isFalse();
    }

    @Test
    void verify_whenTimestampWasAlteredToLookFresh_isInvalid() {
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, BODY)
                .replace("t=1700000000", "t=1800000000");

        assertThat(verify(header, BODY).isValid()).isFalse();
    }

    @Test
    void verify_whenSecretIsRotating_acceptsAnyMatchingV1() {
        String old = WebhookSignature.sign("old".getBytes(StandardCharsets.UTF_8), BODY, clock);
        String current = WebhookSignature.sign(SECRET, BODY, clock);
        String both = old + "," + current.substring(current.indexOf("v1="));

        assertThat(verify(both, BODY).isValid()).isTrue();
    }

    @Test
    void verify_whenHeaderIsMalformed_saysWhatIsMissingAndNeverThrows() {
        assertThat(verify("", BODY)).isEqualTo(new WebhookSignature.Invalid("no t=<unix seconds> in the signature header"));
        assertThat(verify("t=abc,v1=00", BODY).isValid()).isFalse();
        assertThat(verify("t=1800000000", BODY)).isEqualTo(
                new WebhookSignature.Invalid("no v1=<signature> in the signature header"));
        assertThat(verify("t=-9223372036854775808,v1=00", BODY).isValid()).isFalse();
        assertThat(verify("v1=zz,t=,,,=", BODY).isValid()).isFalse();
    }

    @Test
    void sign_whenSecretIsEmpty_refusesToSign() {
        assertThatThrownBy(() -> WebhookSignature.sign(new byte[0], BODY, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret must not be empty");
    }
}
