package org.pyacq.rpc.invoke;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/** Finds the known name closest to a misspelt one ({@code sise} → {@code size}) by edit distance. */
final class NameSuggester {

    private NameSuggester() {
    }

    /** {@code did you mean 'size'?}, or null when no candidate is close enough. */
    static String hint(String name, Collection<String> candidates) {
        String best = closest(name, candidates);
        return best == null ? null : "did you mean '" + best + "'?";
    }

    /** The closest candidate within a distance that grows with the name's length, or null. */
    static String closest(String name, Collection<String> candidates) {
        int limit = name.length() <= 3 ? 1 : name.length() <= 6 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(candidates)) {
            if (candidate.equals(name)) {
                continue;
            }
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d <= limit) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
