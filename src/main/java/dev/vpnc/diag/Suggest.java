package dev.vpnc.diag;

import dev.vpnc.source.Span;
import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the closest candidate within an edit distance that scales with length. */
public final class Suggest {
    private Suggest() {
    }

    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates.stream().sorted().toList()) {
            int d = distance(wrong, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, wrong.length() / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /**
     * The help of {@code d}, about the unknown name {@code wrong} written at {@code at}: "did you
     * mean `x`?" with the fix that writes `x` there, or the list of what exists.
     */
    public static Diagnostic.Builder unknownName(Diagnostic.Builder d, Span at, String wrong, Collection<String> candidates,
                                                 String what) {
        Optional<String> c = closest(wrong, candidates);
        c.ifPresent(name -> d.fix(Fix.replace(at, wrong, name)));
        return d.help(help(wrong, c, candidates, what));
    }

    /** Help text for an unknown name: "did you mean `x`?" or the list of what exists. */
    public static String help(String wrong, Collection<String> candidates, String what) {
        return help(wrong, closest(wrong, candidates), candidates, what);
    }

    private static String help(String wrong, Optional<String> c, Collection<String> candidates, String what) {
        if (c.isPresent()) {
            return "did you mean `" + c.get() + "`?";
        }
        if (candidates.isEmpty()) {
            return "no " + what + " is declared";
        }
        return "declared " + what + "s: " + String.join(", ", candidates.stream().sorted().limit(12).toList())
                + (candidates.size() > 12 ? ", ..." : "");
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 8) {
            return Integer.MAX_VALUE / 2;
        }
        // Optimal string alignment: like Levenshtein, and a swap of two neighbours ("egde") is one edit.
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
