package dev.gust.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A deployed workflow: a state machine in the Amazon States Language, already checked.
 *
 * @param name unique on the node
 * @param app the app that declares it
 * @param definitionJson the state machine as JSON text
 * @param createdAt when this definition was first deployed under this name; a redeploy of the same
 *     text keeps it
 */
public record WorkflowDefinition(String name, String app, String definitionJson, Instant createdAt) {

    public WorkflowDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(definitionJson, "definitionJson");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The revision executions started from this definition run: redeploying a workflow changes what
     * new executions run, never what a running one runs.
     *
     * @return the lower-case hex SHA-256 of {@link #definitionJson()} as UTF-8
     */
    public String revision() {
        return revisionOf(definitionJson);
    }

    /** @return the revision of a definition text, as {@link #revision()} computes it */
    public static String revisionOf(String definitionJson) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definitionJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
