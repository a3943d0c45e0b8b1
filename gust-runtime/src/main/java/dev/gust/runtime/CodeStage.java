package dev.gust.runtime;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a function's code into a stem cell's code directory: hard links to the content-addressed
 * files (copies where the two are on different file systems), so a hand-over costs a directory walk,
 * not a copy. The stem cell sees the directory read-only, so it cannot change the files it shares
 * with the node's code store.
 */
final class CodeStage {
    private CodeStage() {
    }

    /**
     * @param code the unpacked code of the function
     * @param stage the stem cell's (empty) code directory
     * @throws IOException when the code cannot be read or the stage written
     */
    static void link(Path code, Path stage) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(code)) {
            entries = walk.filter(p -> !p.equals(code)).toList();
        }
        for (Path from : entries) {
            Path to = stage.resolve(code.relativize(from).toString());
            if (Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(to);
            } else {
                linkOrCopy(from, to);
            }
        }
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(from, to, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
    }
}
