package dev.vpnc.review;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What compiling would do to one host: its file changes, the same change in words (tunnels,
 * BGP sessions, prefixes) from the two summaries, and how it is applied.
 *
 * @param host     host name
 * @param kind     added, removed, hitless, disruptive or unchanged
 * @param files    the host's file changes
 * @param words    the change in words (empty without an old summary)
 * @param why      for a disruptive change: what makes it so
 */
public record HostChange(String host, Kind kind, TreeDiff files, List<String> words, List<String> why) {
    public HostChange {
        words = List.copyOf(words);
        why = List.copyOf(why);
    }

    /** How a change is applied on the host. */
    public enum Kind {
        /** A new host: install its bundle and secrets, run up.sh. */
        ADDED,
        /** A host no longer in the source: run its down.sh, remove the bundle. */
        REMOVED,
        /** {@code wg syncconf} and {@code birdc configure}: no interface or namespace re-created. */
        HITLESS,
        /** up.sh must run again: an interface or the namespace is created, removed or renumbered. */
        DISRUPTIVE,
        UNCHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Scripts and units whose change means running up.sh again (or restarting the units). */
    private static final List<String> SETUP_FILES = List.of("up.sh", "down.sh", "systemd/vpnc.service",
            "systemd/vpnc-bird.service");

    /**
     * The scripts and units of a host whose commands differ (comments aside: a changed comment,
     * like the endpoint noted above each tunnel in up.sh, needs nothing re-run).
     */
    public static List<String> setupCommandsChanged(String host, Map<String, String> expected,
                                                    Map<String, OutputTree.Found> actual) {
        List<String> changed = new ArrayList<>();
        for (String f : SETUP_FILES) {
            String want = expected.get(host + "/" + f);
            OutputTree.Found have = actual.get(host + "/" + f);
            String had = have == null || !have.regular() ? null : new String(have.bytes(), StandardCharsets.UTF_8);
            if (!Objects.equals(commands(want), commands(had))) {
                changed.add(f);
            }
        }
        return changed;
    }

    private static List<String> commands(String text) {
        if (text == null) {
            return null;
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith(";")).toList();
    }

    /**
     * @param before   the host's summary in the old manifest, or null (no manifest, or a new host)
     * @param after    the host's summary now, or null (a removed host)
     * @param commands the host's scripts and units whose commands change ({@link #setupCommandsChanged})
     */
    public static HostChange of(String host, TreeDiff files, HostSummary before, HostSummary after,
                                boolean existedBefore, boolean existsAfter, List<String> commands) {
        if (!existedBefore) {
            return new HostChange(host, Kind.ADDED, files, after == null ? List.of() : describe(after), List.of());
        }
        if (!existsAfter) {
            return new HostChange(host, Kind.REMOVED, files, List.of(), List.of());
        }
        if (files.isEmpty()) {
            return new HostChange(host, Kind.UNCHANGED, files, List.of(), List.of());
        }
        List<String> words = new ArrayList<>();
        List<String> why = new ArrayList<>();
        if (before != null && after != null) {
            compare(before, after, words, why);
        }
        if (why.isEmpty() && !commands.isEmpty()) {
            why.add(String.join(", ", commands) + " changed: run up.sh again"
                    + (before == null ? " (no summary of the old output to say why)" : ""));
        }
        return new HostChange(host, why.isEmpty() ? Kind.HITLESS : Kind.DISRUPTIVE, files, words, why);
    }

    /** A new host in words. */
    private static List<String> describe(HostSummary h) {
        List<String> words = new ArrayList<>();
        words.add(h.role() + " of site " + h.site() + ", AS " + h.asn());
        if (!h.tunnels().isEmpty()) {
            words.add("tunnels to " + String.join(", ", h.tunnels().keySet()));
        }
        if (!h.sessions().isEmpty()) {
            words.add("BGP sessions " + String.join(", ", h.sessions().keySet()));
        }
        words.add("announces " + (h.announces().isEmpty() ? "nothing" : String.join(", ", h.announces())));
        return words;
    }

    private static void compare(HostSummary a, HostSummary b, List<String> words, List<String> why) {
        changed(words, "site", a.site(), b.site());
        changed(words, "AS", Long.toString(a.asn()), Long.toString(b.asn()));
        changed(words, "router id", a.routerId(), b.routerId());
        changed(words, "inside the site", a.inside(), b.inside());
        changed(words, "timers", a.timers(), b.timers());
        if (a.keyRotation() != b.keyRotation()) {
            words.add("key rotated: rotation " + a.keyRotation() + " -> " + b.keyRotation() + " (vpnc.lock)");
        }

        TreeSet<String> keys = new TreeSet<>(a.layout().keySet());
        keys.addAll(b.layout().keySet());
        for (String k : keys) {
            String x = a.layout().get(k);
            String y = b.layout().get(k);
            if (!Objects.equals(x, y)) {
                String line = k.replace('_', ' ') + ": " + (x == null ? "none" : x) + " -> " + (y == null ? "none" : y);
                words.add(line);
                why.add(line);
            }
        }

        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, HostSummary.Tunnel> t : b.tunnels().entrySet()) {
            HostSummary.Tunnel old = a.tunnels().get(t.getKey());
            HostSummary.Tunnel now = t.getValue();
            if (old == null) {
                added.add(t.getKey() + " (" + now.ifname() + ", port " + now.listenPort() + ")");
                continue;
            }
            List<String> diffs = new ArrayList<>();
            if (!old.ifname().equals(now.ifname())) {
                diffs.add("interface " + old.ifname() + " -> " + now.ifname());
            }
            if (old.listenPort() != now.listenPort()) {
                diffs.add("listen port " + old.listenPort() + " -> " + now.listenPort());
            }
            if (!old.addresses().equals(now.addresses())) {
                diffs.add("addresses " + String.join(", ", old.addresses()) + " -> " + String.join(", ", now.addresses()));
            }
            if (old.mtu() != now.mtu()) {
                diffs.add("MTU " + old.mtu() + " -> " + now.mtu());
            }
            if (old.psk() != now.psk()) {
                diffs.add("preshared key " + (now.psk() ? "on" : "off"));
            }
            boolean shape = !diffs.isEmpty();
            // A rotated key is switched by reload.sh (wg syncconf), the interface stays: hitless.
            if (old.peerKeyRotation() != now.peerKeyRotation()) {
                diffs.add("peer key rotation " + old.peerKeyRotation() + " -> " + now.peerKeyRotation());
            }
            if (old.pskRotation() != now.pskRotation()) {
                diffs.add("preshared key rotation " + old.pskRotation() + " -> " + now.pskRotation());
            }
            if (!old.endpoint().equals(now.endpoint())) {
                diffs.add("endpoint " + old.endpoint() + " -> " + now.endpoint());
            }
            if (!diffs.isEmpty()) {
                words.add("tunnel to " + t.getKey() + " changed: " + String.join("; ", diffs));
            }
            if (shape) {
                why.add(now.ifname() + " re-created or re-addressed by up.sh");
            }
        }
        for (Map.Entry<String, HostSummary.Tunnel> t : a.tunnels().entrySet()) {
            if (!b.tunnels().containsKey(t.getKey())) {
                removed.add(t.getKey() + " (" + t.getValue().ifname() + ")");
            }
        }
        if (!added.isEmpty()) {
            words.add("tunnels added: " + String.join(", ", added));
            why.add("WireGuard interfaces to create: "
                    + String.join(", ", b.tunnels().entrySet().stream().filter(e -> !a.tunnels().containsKey(e.getKey()))
                            .map(e -> e.getValue().ifname()).toList()));
        }
        if (!removed.isEmpty()) {
            words.add("tunnels removed: " + String.join(", ", removed));
            List<String> gone = a.tunnels().entrySet().stream().filter(e -> !b.tunnels().containsKey(e.getKey()))
                    .map(e -> e.getValue().ifname()).toList();
            // up.sh only creates; the new down.sh no longer knows these interfaces.
            why.add("WireGuard interfaces to delete: " + String.join(", ", gone) + " (up.sh leaves them: run the installed "
                    + "down.sh before installing the new bundle, or `ip -n " + a.layout().getOrDefault("namespace", "private")
                    + " link del " + gone.get(0) + "`)");
        }
        setDiff(words, "BGP sessions", a.sessions(), b.sessions());
        listDiff(words, "prefixes announced", a.announces(), b.announces());
        listDiff(words, "prefixes accepted", a.accepts(), b.accepts());
        if (a.carries() != null && b.carries() != null) {
            listDiff(words, "sites carried for the spokes", a.carries(), b.carries());
        }
        if (a.throughHubs() != null && b.throughHubs() != null) {
            listDiff(words, "sites reached through the hubs", a.throughHubs(), b.throughHubs());
        }
    }

    private static void changed(List<String> words, String what, String a, String b) {
        if (!Objects.equals(a, b)) {
            words.add(what + ": " + a + " -> " + b);
        }
    }

    private static void setDiff(List<String> words, String what, SortedMap<String, String> a, SortedMap<String, String> b) {
        List<String> added = b.entrySet().stream().filter(e -> !a.containsKey(e.getKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        List<String> removed = a.entrySet().stream().filter(e -> !b.containsKey(e.getKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        if (!added.isEmpty()) {
            words.add(what + " added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            words.add(what + " removed: " + String.join(", ", removed));
        }
    }

    private static void listDiff(List<String> words, String what, List<String> a, List<String> b) {
        List<String> added = b.stream().filter(p -> !a.contains(p)).toList();
        List<String> removed = a.stream().filter(p -> !b.contains(p)).toList();
        if (!added.isEmpty()) {
            words.add(what + " added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            words.add(what + " removed: " + String.join(", ", removed));
        }
    }
}
