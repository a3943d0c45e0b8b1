package dev.gust.manifest;

import java.util.List;
import java.util.Optional;

/**
 * A value at a path of the manifest, and the problems its reader reports to. The typed accessors
 * report a problem naming the path and return empty when the value has another type.
 *
 * @param path e.g. {@code functions.hello.memory}; empty for the document itself
 * @param node the value as written
 * @param problems where problems go
 */
record Field(String path, YamlNode node, Problems problems) {

    /** @return the field of a key of this mapping */
    Field key(String key, YamlNode value) {
        return new Field(path.isEmpty() ? key : path + "." + key, value, problems);
    }

    /** @return the field of an item of this list */
    Field item(int index, YamlNode value) {
        return new Field(path + "[" + index + "]", value, problems);
    }

    /** Reports a problem at this field. @return empty, for returning from a reader */
    <T> Optional<T> fail(String message) {
        problems.add(path, node.mark(), message);
        return Optional.empty();
    }

    /** @return the checked value, or empty after reporting why it is bad */
    <T> Optional<T> accept(Checked<T> checked) {
        return switch (checked) {
            case Checked.Ok<T> ok -> Optional.of(ok.value());
            case Checked.Bad<T> bad -> fail(bad.message());
        };
    }

    /** @param what what is allowed, e.g. {@code a Java class name} @return a written scalar's text */
    Optional<String> text(String what) {
        if (node instanceof YamlNode.Scalar s && !s.isEmpty() && s.kind() != YamlNode.Kind.ALIAS) {
            return Optional.of(s.text());
        }
        return mismatch(what);
    }

    /** @return the mapping; nothing written counts as an empty one */
    Optional<YamlNode.Mapping> mapping(String what) {
        return switch (node) {
            case YamlNode.Mapping m -> Optional.of(m);
            case YamlNode.Scalar s when s.isEmpty() -> Optional.of(YamlNode.Mapping.empty(s.mark()));
            default -> mismatch(what);
        };
    }

    /** @return the list; nothing written counts as an empty one */
    Optional<YamlNode.Sequence> sequence(String what) {
        return switch (node) {
            case YamlNode.Sequence s -> Optional.of(s);
            case YamlNode.Scalar s when s.isEmpty() -> Optional.of(new YamlNode.Sequence(List.of(), s.mark()));
            default -> mismatch(what);
        };
    }

    /** Reports that the value is not {@code what}. @return empty */
    <T> Optional<T> mismatch(String what) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.ALIAS) {
            return fail("YAML aliases (*" + s.text() + ") are not supported; write the value out");
        }
        return fail("must be " + what + ", was " + node.describe());
    }
}
