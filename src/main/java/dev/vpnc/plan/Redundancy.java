package dev.vpnc.plan;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.TopologyMessages;
import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gateways whose failure alone would cut two sites apart (W0320). Sites joined by their own
 * tunnels are cut when every tunnel between them ends on one gateway; in hub-and-spoke, a spoke
 * is cut from every other site when all its tunnels to the hubs end on one gateway (the hubs'
 * own gateways are joined by tunnels and their LANs). A site with a single gateway is W0302's
 * business and is not repeated here. Counted from the tunnels, so linear in their number.
 */
public final class Redundancy {
    /** Site pairs named in one warning before the rest are counted. */
    private static final int NAMED = 3;

    private Redundancy() {
    }

    public static void check(Model model, List<Topology.Pair> tunnels, Diagnostics diagnostics) {
        Map<String, Model.Site> sites = new HashMap<>();
        Map<String, Model.Gateway> gateways = new HashMap<>();
        model.sites().forEach(s -> {
            sites.put(s.name().text(), s);
            s.gateways().forEach(g -> gateways.put(g.name().text(), g));
        });
        Set<String> hubs = new TreeSet<>();
        model.network().hubs().forEach(h -> hubs.add(h.text()));

        Map<Model.SitePair, Integer> perSitePair = new HashMap<>();     // tunnels between the sites
        Map<GatewayToSite, Integer> perGatewaySite = new HashMap<>();  // a gateway's tunnels to a site
        Map<String, Integer> spokeToHubs = new HashMap<>();            // spoke -> its tunnels to hubs
        Map<SpokeVia, Integer> spokeViaGateway = new HashMap<>();      // those tunnels that end on a gateway
        for (Topology.Pair p : tunnels) {
            String sa = p.a().site();
            String sb = p.b().site();
            perSitePair.merge(Model.SitePair.of(sa, sb), 1, Integer::sum);
            perGatewaySite.merge(new GatewayToSite(p.a().name().text(), sb), 1, Integer::sum);
            perGatewaySite.merge(new GatewayToSite(p.b().name().text(), sa), 1, Integer::sum);
            for (Model.Gateway[] ends : new Model.Gateway[][] {{p.a(), p.b()}, {p.b(), p.a()}}) {
                String spoke = ends[0].site();
                if (!hubs.isEmpty() && !hubs.contains(spoke) && hubs.contains(ends[1].site())) {
                    spokeToHubs.merge(spoke, 1, Integer::sum);
                    spokeViaGateway.merge(new SpokeVia(spoke, ends[0].name().text()), 1, Integer::sum);
                    spokeViaGateway.merge(new SpokeVia(spoke, ends[1].name().text()), 1, Integer::sum);
                }
            }
        }

        Map<String, Set<Model.SitePair>> cut = new TreeMap<>();  // gateway -> site pairs it alone joins
        perGatewaySite.forEach((key, count) -> {
            String own = gateways.get(key.gateway()).site();
            Model.SitePair pair = Model.SitePair.of(own, key.site());
            if (count.equals(perSitePair.get(pair)) && sites.get(own).gateways().size() > 1) {
                cut.computeIfAbsent(key.gateway(), k -> new TreeSet<>()).add(pair);
            }
        });
        spokeViaGateway.forEach((key, count) -> {
            String spoke = key.spoke();
            Model.Gateway g = gateways.get(key.gateway());
            boolean ownSingle = g.site().equals(spoke) && sites.get(spoke).gateways().size() == 1;
            if (count.equals(spokeToHubs.get(spoke)) && !ownSingle) {
                for (Model.Site other : model.sites()) {
                    if (!other.name().text().equals(spoke)) {
                        cut.computeIfAbsent(g.name().text(), k -> new TreeSet<>()).add(Model.SitePair.of(spoke, other.name().text()));
                    }
                }
            }
        });

        cut.forEach((gw, pairs) -> {
            List<String> named = new ArrayList<>();
            for (Model.SitePair p : pairs) {
                if (named.size() == NAMED) {
                    break;
                }
                named.add(TopologyMessages.sitePair(p.a(), p.b()));
            }
            int more = pairs.size() - named.size();
            diagnostics.add(TopologyMessages.gatewayJoinsSites(gateways.get(gw).name().span(), gw, named, more));
        });
    }

    /** A gateway and a site its tunnels reach. */
    private record GatewayToSite(String gateway, String site) {
    }

    /** A spoke site and a gateway (of the spoke or of a hub) that its tunnels to the hubs end on. */
    private record SpokeVia(String spoke, String gateway) {
    }
}
