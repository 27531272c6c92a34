package dev.vpnc.diag;

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

    /** Help text for an unknown name: "did you mean `x`?" or the list of what exists. */
    public static String help(String wrong, Collection<String> candidates, String what) {
        Optional<String> c = closest(wrong, candidates);
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
