package dev.gust.manifest;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds the allowed word a misspelt one was probably meant to be. */
final class Suggest {
    private static final int MOST_EDITS = 2;

    private Suggest() {
    }

    /** @return the allowed word within two edits of {@code word}, the nearest first */
    static Optional<String> closest(String word, List<String> allowed) {
        return allowed.stream()
                .filter(a -> distance(word, a) <= MOST_EDITS)
                .min(Comparator.comparingInt(a -> distance(word, a)));
    }

    /** Levenshtein distance, with transpositions counted as one edit. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MOST_EDITS || a.length() > 64 || b.length() > 64) {
            return MOST_EDITS + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                d[i][j] = i == 0 || j == 0 ? i + j : step(d, a, b, i, j);
            }
        }
        return d[a.length()][b.length()];
    }

    private static int step(int[][] d, String a, String b, int i, int j) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        boolean swapped = i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1);
        return swapped ? Math.min(best, d[i - 2][j - 2] + 1) : best;
    }
}
