package dev.gust.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Parses and validates {@code gust.yaml}. Bad input never throws: every problem comes back at once,
 * each with its path in the file, in file order. The keys, defaults and limits are in
 * {@link ManifestLimits}; route syntax in {@link RouteSpec}. Thread-safe (no shared state).
 *
 * <pre>{@code
 * switch (Manifests.parse(Path.of("examples/hello-java/gust.yaml"))) {
 *     case ManifestResult.Valid v -> deploy(v.manifest());
 *     case ManifestResult.Invalid i -> i.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class Manifests {
    /** The manifest's file name in an app directory. */
    public static final String FILE_NAME = "gust.yaml";

    private Manifests() {
    }

    /**
     * @param manifestFile a {@code gust.yaml}; its directory is the app directory, against which
     *     code paths resolve
     * @return the valid manifest with any warnings, or every problem (an unreadable file is one)
     */
    public static ManifestResult parse(Path manifestFile) {
        Path file = manifestFile.toAbsolutePath().normalize();
        return switch (read(file)) {
            case Checked.Ok<String> ok -> parse(ok.value(), file.getParent());
            case Checked.Bad<String> bad -> invalid(bad.message());
        };
    }

    /**
     * @param yaml the manifest's text
     * @param baseDir the app directory, against which code paths resolve
     * @return the valid manifest with any warnings, or every problem
     */
    public static ManifestResult parse(String yaml, Path baseDir) {
        Objects.requireNonNull(yaml, "yaml");
        Path base = baseDir.toAbsolutePath().normalize();
        if (yaml.length() > ManifestLimits.MAX_MANIFEST_BYTES) {
            return invalid(tooLarge());
        }
        return switch (YamlReader.read(stripBom(yaml))) {
            case Checked.Bad<YamlNode> bad -> invalid(bad.message());
            case Checked.Ok<YamlNode> ok -> validate(ok.value(), base);
        };
    }

    private static ManifestResult validate(YamlNode root, Path baseDir) {
        var reader = new ManifestReader(baseDir);
        return reader.read(root)
                .<ManifestResult>map(m -> new ManifestResult.Valid(m, warnings(m)))
                .orElseGet(() -> new ManifestResult.Invalid(reader.problems().inFileOrder()));
    }

    private static List<String> warnings(AppManifest manifest) {
        return manifest.functions().values().stream()
                .flatMap(fn -> HandlerCheck.warning(fn, manifest.baseDir()).stream())
                .toList();
    }

    private static Checked<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(ManifestLimits.MAX_MANIFEST_BYTES + 1);
            return bytes.length > ManifestLimits.MAX_MANIFEST_BYTES ? Checked.bad(tooLarge()) : Checked.ok(
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Checked.bad(file + " is not UTF-8 text");
        } catch (IOException e) {
            return Checked.bad("cannot read " + file + ": " + e);
        }
    }

    private static String tooLarge() {
        return "the file is larger than " + ManifestLimits.MAX_MANIFEST_BYTES / 1024 + " KB";
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static ManifestResult invalid(String message) {
        return new ManifestResult.Invalid(List.of(new Problem("", message)));
    }
}
