package io.trm4j.core.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" by edit distance: typos in config keys should cost seconds, not an hour. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate closest to {@code word} when it is close enough to be a likely typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        // A third of the word (at least 2 edits) is still a typo; more is a different word.
        int limit = Math.max(2, word.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            // The length difference is a lower bound of the distance: skipping those candidates keeps
            // a huge word (a 1 MB key in a config file or request body) from costing seconds.
            if (Math.abs(word.length() - c.length()) > limit) {
                continue;
            }
            int d = levenshtein(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    public static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
