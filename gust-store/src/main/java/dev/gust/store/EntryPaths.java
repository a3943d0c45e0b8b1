package dev.gust.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Decides whether an archive entry's name is a safe relative path, and where it lands. */
final class EntryPaths {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private EntryPaths() {
    }

    /**
     * @param root the extraction directory (absolute, normalised)
     * @param name the entry name as stored in the archive
     * @return where the entry goes, always inside {@code root}
     * @throws ArtifactException when the name is absolute, climbs out, or is otherwise unsafe
     */
    static Path resolve(Path root, String name) {
        problem(name).ifPresent(p -> {
            throw new ArtifactException("entry " + printable(name) + " is refused: " + p);
        });
        try {
            Path dest = root.resolve(name).normalize();
            if (!dest.startsWith(root) || dest.equals(root)) {
                throw new ArtifactException("entry " + printable(name) + " is refused: it points outside the archive");
            }
            return dest;
        } catch (InvalidPathException e) {
            throw new ArtifactException("entry " + printable(name) + " is refused: not a valid path", e);
        }
    }

    private static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("the name is empty");
        }
        if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
            return Optional.of("absolute paths are not allowed");
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return Optional.of("backslashes and NUL characters are not allowed");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("'..' is not allowed");
            }
        }
        return Optional.empty();
    }

    private static String printable(String name) {
        String s = name.length() > 200 ? name.substring(0, 200) + "..." : name;
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
