package dev.vpnc.review;

import dev.vpnc.plan.Rotated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The steps of a key rotation, for {@code vpnc plan}: from the rotation counts of the old
 * manifest and the new summaries, each rotated gateway with the tunnels drained on it and on its
 * peers and the gateways of its site that carry the traffic meanwhile (or that it cannot be
 * hitless), each rotated preshared key with its two ends, and the batches still pending.
 */
public final class RotationSteps {
    private RotationSteps() {
    }

    /**
     * @param before  the old manifest's summaries (empty without one: nothing was deployed, no step)
     * @param after   the new summaries
     * @param pending the rotations the lock queues for {@code --continue}
     * @param source  the source file as the command line names it
     * @return the section's lines, empty when nothing rotates and nothing waits
     */
    public static List<String> lines(SortedMap<String, HostSummary> before, SortedMap<String, HostSummary> after,
                                     List<Rotated> pending, String source) {
        List<String> rotatedHosts = new ArrayList<>();
        for (Map.Entry<String, HostSummary> h : after.entrySet()) {
            HostSummary old = before.get(h.getKey());
            if (old != null && h.getValue().role().equals("gateway") && old.keyRotation() != h.getValue().keyRotation()) {
                rotatedHosts.add(h.getKey());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String host : rotatedHosts) {
            gateway(lines, host, before.get(host), after, rotatedHosts);
        }
        presharedKeys(lines, before, after);
        if (!pending.isEmpty()) {
            lines.add("pending in the lock: " + String.join(" ", pending.stream().map(Rotated::argument).toList())
                    + ": once this is deployed on every host, `vpnc keys rotate " + source + " --continue`");
        }
        return lines;
    }

    private static void gateway(List<String> lines, String host, HostSummary old, SortedMap<String, HostSummary> after,
                                List<String> rotated) {
        HostSummary now = after.get(host);
        lines.add(host + ": its key, rotation " + old.keyRotation() + " -> " + now.keyRotation());
        List<String> mine = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        now.tunnels().forEach((peer, t) -> {
            mine.add(t.ifname() + " (" + peer + ")");
            HostSummary p = after.get(peer);
            HostSummary.Tunnel back = p == null ? null : p.tunnels().get(host);
            if (back != null) {
                theirs.add(back.ifname() + " on " + peer);
            }
        });
        lines.add("    drained on " + host + ": " + (mine.isEmpty() ? "no tunnel" : String.join(", ", mine)));
        if (!theirs.isEmpty()) {
            lines.add("    drained on its peers: " + String.join(", ", theirs));
        }
        List<String> siblings = new ArrayList<>();
        after.forEach((name, h) -> {
            if (!name.equals(host) && h.role().equals("gateway") && h.site().equals(now.site())) {
                siblings.add(name);
            }
        });
        List<String> carrying = siblings.stream().filter(s -> !rotated.contains(s)).toList();
        if (siblings.isEmpty()) {
            lines.add("    site " + now.site() + " has a single gateway: its traffic stops from the moment the first end of "
                    + "each tunnel switches keys until the other end has (cannot be hitless by design)");
        } else if (carrying.isEmpty()) {
            lines.add("    every gateway of site " + now.site() + " rotates at once: its traffic stops until both ends of a "
                    + "tunnel have switched");
        } else {
            lines.add("    site " + now.site() + "'s traffic goes through " + String.join(", ", carrying) + " meanwhile");
        }
    }

    /** Each tunnel whose preshared key rotates, once, by its two ends in name order. */
    private static void presharedKeys(List<String> lines, SortedMap<String, HostSummary> before,
                                      SortedMap<String, HostSummary> after) {
        SortedMap<String, List<String>> changed = new TreeMap<>();
        after.forEach((host, h) -> h.tunnels().forEach((peer, t) -> {
            HostSummary old = before.get(host);
            HostSummary.Tunnel was = old == null ? null : old.tunnels().get(peer);
            if (host.compareTo(peer) > 0 || was == null || was.pskRotation() == t.pskRotation()) {
                return;
            }
            HostSummary p = after.get(peer);
            HostSummary.Tunnel back = p == null ? null : p.tunnels().get(host);
            changed.put(host + " <-> " + peer, List.of(
                    "preshared key " + host + " <-> " + peer + ": rotation " + was.pskRotation() + " -> " + t.pskRotation(),
                    "    drained: " + t.ifname() + " on " + host + (back == null ? "" : ", " + back.ifname() + " on " + peer),
                    "    " + otherTunnels(after, h.site(), t.peerSite(), host, peer)));
        }));
        changed.values().forEach(lines::addAll);
    }

    /** Whether the two sites have other tunnels to carry their traffic while this one drains. */
    private static String otherTunnels(SortedMap<String, HostSummary> after, String site, String peerSite, String host,
                                       String peer) {
        int others = 0;
        for (Map.Entry<String, HostSummary> h : after.entrySet()) {
            if (!h.getValue().site().equals(site)) {
                continue;
            }
            for (Map.Entry<String, HostSummary.Tunnel> t : h.getValue().tunnels().entrySet()) {
                boolean same = h.getKey().equals(host) && t.getKey().equals(peer);
                if (!same && t.getValue().peerSite().equals(peerSite)) {
                    others++;
                }
            }
        }
        return others == 0
                ? "the only tunnel between sites " + site + " and " + peerSite + ": their traffic stops until both ends have "
                        + "switched (cannot be hitless by design)"
                : "sites " + site + " and " + peerSite + " keep " + others + (others == 1 ? " other tunnel" : " other tunnels")
                        + " meanwhile";
    }
}
