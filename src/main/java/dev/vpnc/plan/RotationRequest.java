package dev.vpnc.plan;

import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code vpnc keys rotate} was asked: gateways and tunnels named on the command line, or
 * every gateway ({@code all}), every preshared key ({@code allPsk}), or the next pending batch
 * ({@code resume}). Names are checked against the network by {@link KeyRotationPlanner}, which
 * points its diagnostics at {@link #commandLine(String)}.
 *
 * @param hosts  gateways whose private key to rotate
 * @param psks   tunnels whose preshared key to rotate, as written: {@code A:B}
 */
public record RotationRequest(List<String> hosts, List<String> psks, boolean all, boolean allPsk, boolean resume) {
    public RotationRequest {
        hosts = List.copyOf(hosts);
        psks = List.copyOf(psks);
    }

    /** The command as a one-line "file", so that a diagnostic about a name can point at it. */
    public SourceFile commandLine(String source) {
        return new SourceFile("command line", String.join(" ", words(source)));
    }

    /** Where the {@code i}-th host of the request is on {@link #commandLine}. */
    public Span hostAt(SourceFile commandLine, String source, int i) {
        return at(commandLine, source, i);
    }

    /** Where the {@code i}-th {@code --psk} value is on {@link #commandLine}. */
    public Span pskAt(SourceFile commandLine, String source, int i) {
        return at(commandLine, source, hosts.size() + i);
    }

    private Span at(SourceFile commandLine, String source, int index) {
        List<String> words = words(source);
        int named = 0;
        int offset = 0;
        int fixed = 4; // vpnc keys rotate FILE
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            boolean name = w >= fixed && !word.startsWith("--");
            if (name && named++ == index) {
                return new Span(commandLine, offset, offset + word.length());
            }
            offset += word.length() + 1;
        }
        throw new IndexOutOfBoundsException(index);
    }

    private List<String> words(String source) {
        List<String> w = new ArrayList<>(List.of("vpnc", "keys", "rotate", source));
        w.addAll(hosts);
        for (String p : psks) {
            w.add("--psk");
            w.add(p);
        }
        if (all) {
            w.add("--all");
        }
        if (allPsk) {
            w.add("--all-psk");
        }
        if (resume) {
            w.add("--continue");
        }
        return w;
    }
}
