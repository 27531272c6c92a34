package dev.vpnc.plan;

import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which tunnels a key rotation drains, and whether a batch of rotations leaves every pair of
 * linked sites a tunnel whose keys do not change. While a tunnel's keys switch, reload.sh drains
 * its BGP session on both ends until both have switched: a gateway's new private key drains every
 * tunnel of that gateway, a new preshared key only its tunnel. Two sites whose every tunnel
 * drains at once cannot talk until the last end has been deployed.
 *
 * <p>Some cuts cannot be avoided: a site with a single gateway, or two sites joined by a single
 * tunnel, lose their traffic whenever that one key rotates. Such a cut (one rotation alone
 * drains every tunnel of the pair) is allowed, with a warning; a cut made by several rotations
 * together is not: they can be rotated one after the other.
 */
public final class RotationSafety {
    /** Two sites with tunnels between them, in name order. */
    public record SitePair(String a, String b) {
        static SitePair of(String x, String y) {
            return x.compareTo(y) < 0 ? new SitePair(x, y) : new SitePair(y, x);
        }
    }

    /**
     * A pair of sites a batch cuts apart; {@code alone} is the rotation that cuts it by itself (a
     * cut by design), or null when only several rotations together do (avoidable).
     */
    public record Cut(SitePair sites, Rotated alone) {
    }

    private final Map<String, String> siteOf = new HashMap<>();
    private final Map<String, List<GatewayPair>> tunnelsOf = new HashMap<>();
    private final Map<SitePair, List<GatewayPair>> linked = new TreeMap<>(
            java.util.Comparator.comparing(SitePair::a).thenComparing(SitePair::b));

    public RotationSafety(Model model, List<Topology.Pair> tunnels) {
        for (Model.Site s : model.sites()) {
            s.gateways().forEach(g -> siteOf.put(g.name().text(), s.name().text()));
        }
        for (Topology.Pair p : tunnels) {
            GatewayPair t = p.names();
            tunnelsOf.computeIfAbsent(t.a(), k -> new ArrayList<>()).add(t);
            tunnelsOf.computeIfAbsent(t.b(), k -> new ArrayList<>()).add(t);
            linked.computeIfAbsent(sites(t), k -> new ArrayList<>()).add(t);
        }
    }

    /** The site of a gateway. */
    public String siteOf(String gateway) {
        return siteOf.get(gateway);
    }

    /** The tunnels whose keys change with {@code r}: every tunnel of a gateway, or the one tunnel of a preshared key. */
    public List<GatewayPair> drains(Rotated r) {
        return r.isKey() ? tunnelsOf.getOrDefault(r.host(), List.of()) : List.of(r.tunnel());
    }

    private SitePair sites(GatewayPair t) {
        return SitePair.of(siteOf.get(t.a()), siteOf.get(t.b()));
    }

    /** The site pairs {@code batch} cuts apart, in name order. */
    public List<Cut> cuts(Collection<Rotated> batch) {
        Set<GatewayPair> drained = new HashSet<>();
        Set<SitePair> touched = new LinkedHashSet<>();
        for (Rotated r : batch) {
            for (GatewayPair t : drains(r)) {
                drained.add(t);
                touched.add(sites(t));
            }
        }
        List<Cut> cuts = new ArrayList<>();
        for (Map.Entry<SitePair, List<GatewayPair>> link : linked.entrySet()) {
            if (touched.contains(link.getKey()) && drained.containsAll(link.getValue())) {
                cuts.add(new Cut(link.getKey(), alone(batch, link.getValue())));
            }
        }
        return cuts;
    }

    private Rotated alone(Collection<Rotated> batch, List<GatewayPair> tunnels) {
        for (Rotated r : batch.stream().sorted().toList()) {
            if (new HashSet<>(drains(r)).containsAll(tunnels)) {
                return r;
            }
        }
        return null;
    }

    /** Whether {@code batch} cuts no pair of sites that one rotation after the other would not. */
    public boolean safe(Collection<Rotated> batch) {
        return cuts(batch).stream().allMatch(c -> c.alone() != null);
    }

    /**
     * Safe batches for {@code items}, in their order: each goes into the first batch it keeps
     * safe (a gateway of each site per batch, in name order, in a mesh of two-gateway sites).
     * Recomputing the batches of the items after the first gives the same later batches, so the
     * lock needs to record only which items wait.
     */
    public List<List<Rotated>> batches(List<Rotated> items) {
        List<List<Rotated>> batches = new ArrayList<>();
        for (Rotated r : items) {
            List<Rotated> home = null;
            for (List<Rotated> b : batches) {
                List<Rotated> with = new ArrayList<>(b);
                with.add(r);
                if (safe(with)) {
                    home = b;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                batches.add(home);
            }
            home.add(r);
        }
        return batches;
    }
}
