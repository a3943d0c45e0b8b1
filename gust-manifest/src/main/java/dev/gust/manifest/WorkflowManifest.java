package dev.gust.manifest;

import dev.gust.workflow.StateMachine;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A workflow of {@code workflows:}: a state machine definition read from a file of the app.
 *
 * @param name the workflow's name, same rule as a function's
 * @param file the definition file's absolute, normalised path
 * @param definition the definition as written in the file, stored as it is
 * @param machine the definition, checked
 */
public record WorkflowManifest(String name, Path file, String definition, StateMachine machine) {
    public WorkflowManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(machine, "machine");
    }
}
