package dev.vpnc.plan;

import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which routes a tunnel carries besides the two sites' own. In a mesh, none: every site pair
 * that talks has its own tunnels. In hub-and-spoke, spokes reach each other through the hubs:
 * <ul>
 *   <li>a spoke accepts from a hub every other site's prefixes, and announces only its own;</li>
 *   <li>a hub accepts from a spoke only that spoke's prefixes, and announces every other site's;</li>
 *   <li>hubs announce the spokes to each other, a fallback for a spoke that lost its tunnels to
 *       one hub (the direct route, with the shorter AS path, wins while it exists).</li>
 * </ul>
 */
final class Transit {
    private final Set<String> hubs;
    private final List<String> sites;
    private final Map<String, List<String>> cache = new HashMap<>();

    private Transit(Set<String> hubs, List<String> sites) {
        this.hubs = hubs;
        this.sites = sites;
    }

    static Transit of(Model model) {
        Set<String> hubs = new TreeSet<>();
        model.network().hubs().forEach(h -> hubs.add(h.text()));
        Set<String> sites = new TreeSet<>();
        model.sites().forEach(s -> sites.add(s.name().text()));
        return new Transit(hubs, List.copyOf(sites));
    }

    /** Sites other than the peer's whose routes the peer may announce to {@code self}. */
    List<String> via(String self, String peer) {
        if (!hubs.contains(peer)) {
            return List.of();
        }
        return hubs.contains(self) ? spokes() : others(self, peer);
    }

    /** Sites other than its own whose routes {@code self} announces to the peer. */
    List<String> transit(String self, String peer) {
        if (!hubs.contains(self)) {
            return List.of();
        }
        return hubs.contains(peer) ? spokes() : others(self, peer);
    }

    private List<String> spokes() {
        return cache.computeIfAbsent("", k -> sites.stream().filter(s -> !hubs.contains(s)).toList());
    }

    private List<String> others(String a, String b) {
        return cache.computeIfAbsent(a + " " + b, k -> {
            List<String> out = new ArrayList<>(sites);
            out.remove(a);
            out.remove(b);
            return List.copyOf(out);
        });
    }
}
