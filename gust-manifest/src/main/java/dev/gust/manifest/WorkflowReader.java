package dev.gust.manifest;

import dev.gust.workflow.Definitions;
import dev.gust.workflow.StateMachine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code workflows:}: named workflows, each a definition file inside the app directory checked
 * by {@link Definitions#parse}. A problem inside a definition is reported at
 * {@code workflows.NAME.definition} followed by its JSON pointer, e.g.
 * {@code workflows.orders.definition/States/Charge/Next}.
 */
final class WorkflowReader {
    static final List<String> KEYS = List.of("definition");
    /** The largest definition file, as Step Functions' limit on a definition. */
    static final int MAX_DEFINITION_BYTES = 1024 * 1024;
    private static final String HINT = "the path of an Amazon States Language file, relative to the app directory, "
            + "like workflows/orders.asl.json";

    private WorkflowReader() {
    }

    /** @param baseDir the absolute, normalised app directory */
    static Optional<Map<String, WorkflowManifest>> read(Field f, Path baseDir) {
        return f.mapping("a mapping of workflow names to their settings").flatMap(m -> {
            Keys.reportRepeated(f, m);
            Map<String, WorkflowManifest> out = new LinkedHashMap<>();
            m.entries().forEach((name, entry) -> one(f.key(name, entry.value()), name, baseDir)
                    .ifPresent(w -> out.put(name, w)));
            return Optional.of(out);
        });
    }

    private static Optional<WorkflowManifest> one(Field f, String name, Path baseDir) {
        if (!Rules.isName(name)) {
            return f.fail("a workflow name " + Rules.notAName(Texts.quote(name)));
        }
        return f.mapping("a mapping with " + String.join(", ", KEYS)).flatMap(m -> new Keys(f, m, KEYS)
                .required("definition", HINT, d -> definition(d, name, baseDir)));
    }

    private static Optional<WorkflowManifest> definition(Field f, String name, Path baseDir) {
        return f.text(HINT).flatMap(text -> file(f, baseDir, text)).flatMap(file -> text(f, file)
                .flatMap(text -> check(f, text).map(machine -> new WorkflowManifest(name, file, text, machine))));
    }

    private static Optional<Path> file(Field f, Path baseDir, String text) {
        Path file;
        try {
            Path rel = Path.of(text);
            if (rel.isAbsolute()) {
                return f.fail("must be a path relative to the app directory, was " + Texts.quote(text));
            }
            file = baseDir.resolve(rel).normalize();
        } catch (InvalidPathException e) {
            return f.fail("is not a valid path: " + Texts.quote(text));
        }
        if (!file.startsWith(baseDir)) {
            return f.fail("must stay inside the app directory, was " + Texts.quote(text));
        }
        return Files.isRegularFile(file) ? insideThroughLinks(f, baseDir, file, text)
                : f.fail("not found: " + text + " (a file relative to the directory of gust.yaml)");
    }

    private static Optional<Path> insideThroughLinks(Field f, Path baseDir, Path file, String text) {
        try {
            return file.toRealPath().startsWith(baseDir.toRealPath()) ? Optional.of(file)
                    : f.fail("must stay inside the app directory, but " + text + " leads out through a symbolic link");
        } catch (IOException e) {
            return f.fail("cannot be read: " + text + " (" + e + ")");
        }
    }

    private static Optional<String> text(Field f, Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_DEFINITION_BYTES) {
                return f.fail("the definition is " + size + " bytes; at most " + MAX_DEFINITION_BYTES + " are allowed");
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString());
        } catch (CharacterCodingException e) {
            return f.fail("the definition is not UTF-8 text");
        } catch (IOException e) {
            return f.fail("cannot be read: " + file.getFileName() + " (" + e + ")");
        }
    }

    /** Reports each problem of the definition at this field's path followed by its JSON pointer. */
    private static Optional<StateMachine> check(Field f, String text) {
        return switch (Definitions.parse(text)) {
            case Definitions.Accepted accepted -> Optional.of(accepted.machine());
            case Definitions.Rejected rejected -> {
                rejected.problems().forEach(p -> f.problems().add(f.path() + p.pointer(), f.node().mark(),
                        p.message()));
                yield Optional.empty();
            }
        };
    }
}
