package dev.gust.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found so far, each with where it is written so they come out in file order. Not thread-safe. */
final class Problems {
    private final List<Found> found = new ArrayList<>();

    void add(String path, YamlNode.Mark mark, String message) {
        found.add(new Found(new Problem(path, message), mark));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** @return every problem, in file order (a stable sort keeps the order of ones at one place) */
    List<Problem> inFileOrder() {
        return found.stream().sorted(Comparator.comparing(Found::mark)).map(Found::problem).toList();
    }

    private record Found(Problem problem, YamlNode.Mark mark) {
    }
}
