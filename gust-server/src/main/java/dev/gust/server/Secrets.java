package dev.gust.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The node's secrets: one file per secret under {@code <data>/secrets}, its bytes the secret.
 * Webhook targets name one ({@code secret: orders-hook}) to sign their deliveries with.
 */
record Secrets(Path dir) {

    /** @return the secret's bytes, when the file exists and is not empty */
    Optional<byte[]> read(String name) {
        Path file = path(name);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)).filter(b -> b.length > 0)
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret " + file, e);
        }
    }

    /** Names are checked by the rule ({@code Target.SECRET_REF}): no separators, so no escape from the directory. */
    Path path(String name) {
        return dir.resolve(name);
    }
}
