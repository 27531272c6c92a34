package dev.vpnc.emit.topology;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The network as the picture sees it: sites (sorted by name) with their gateways and routers,
 * every tunnel once, and the site pairs joined by tunnels. Read from the plan only, so the
 * picture shows what the bundles do.
 */
record SiteGraph(String network, List<Site> sites, List<Tunnel> tunnels, List<SiteLink> links) {

    /** A site, its hosts sorted by name; {@code hub} when it carries the spokes' traffic. */
    record Site(String name, long asn, List<String> prefixes, List<String> gateways, List<String> routers, boolean hub) {
    }

    /** One tunnel, {@code a} the gateway whose name sorts first; each end's interface and listen port. */
    record Tunnel(String a, String aIfname, int aPort, String b, String bIfname, int bPort) {
    }

    /** Two sites joined by {@code tunnels} tunnels, {@code a} sorting first. */
    record SiteLink(String a, String b, int tunnels) {
    }

    static SiteGraph of(NetworkPlan plan) {
        Map<String, SiteBuilder> sites = new TreeMap<>();
        for (GatewayPlan gw : plan.gateways()) {
            SiteBuilder s = sites.computeIfAbsent(gw.site(), n -> new SiteBuilder(gw.asn(), gw.sitePrefixes6(), gw.sitePrefixes4()));
            s.gateways.add(gw.name());
        }
        for (RouterPlan r : plan.routers()) {
            SiteBuilder s = sites.computeIfAbsent(r.site(), n -> new SiteBuilder(r.asn(), r.sitePrefixes6(), r.sitePrefixes4()));
            s.routers.add(r.name());
        }
        List<Site> siteList = new ArrayList<>();
        sites.forEach((name, s) -> siteList.add(s.build(name, plan.hubs().contains(name))));

        // Each tunnel is planned from both of its ends: keep the end seen from the gateway that sorts first.
        Map<String, TunnelEnd> ends = new TreeMap<>();
        Map<String, String> siteOf = new TreeMap<>();
        for (GatewayPlan gw : plan.gateways()) {
            siteOf.put(gw.name(), gw.site());
            for (TunnelEnd t : gw.tunnels()) {
                ends.put(gw.name() + " " + t.peerHost(), t);
            }
        }
        List<Tunnel> tunnels = new ArrayList<>();
        Map<String, int[]> perSitePair = new TreeMap<>();
        for (Map.Entry<String, TunnelEnd> e : ends.entrySet()) {
            String a = e.getKey().substring(0, e.getKey().indexOf(' '));
            TunnelEnd end = e.getValue();
            String b = end.peerHost();
            if (a.compareTo(b) >= 0) {
                continue;
            }
            TunnelEnd back = ends.get(b + " " + a);
            if (back == null) {
                // The planner builds both ends from one allocation; a plan without one is not drawable.
                throw new IllegalArgumentException("tunnel " + a + " - " + b + " has no end on " + b);
            }
            String x = siteOf.get(a);
            String y = siteOf.get(b);
            tunnels.add(new Tunnel(a, end.ifname(), end.listenPort(), b, back.ifname(), back.listenPort()));
            String pair = x.compareTo(y) < 0 ? x + " " + y : y + " " + x;
            perSitePair.computeIfAbsent(pair, k -> new int[1])[0]++;
        }
        List<SiteLink> links = new ArrayList<>();
        perSitePair.forEach((pair, n) -> links.add(
                new SiteLink(pair.substring(0, pair.indexOf(' ')), pair.substring(pair.indexOf(' ') + 1), n[0])));
        return new SiteGraph(plan.network(), List.copyOf(siteList), List.copyOf(tunnels), List.copyOf(links));
    }

    int gatewayCount() {
        return sites.stream().mapToInt(s -> s.gateways().size()).sum();
    }

    int routerCount() {
        return sites.stream().mapToInt(s -> s.routers().size()).sum();
    }

    private static final class SiteBuilder {
        final long asn;
        final List<String> prefixes = new ArrayList<>();
        final List<String> gateways = new ArrayList<>();
        final List<String> routers = new ArrayList<>();

        SiteBuilder(long asn, List<String> prefixes6, List<String> prefixes4) {
            this.asn = asn;
            prefixes.addAll(prefixes6);
            prefixes.addAll(prefixes4);
        }

        Site build(String name, boolean hub) {
            return new Site(name, asn, List.copyOf(prefixes), gateways.stream().sorted().toList(),
                    routers.stream().sorted().toList(), hub);
        }
    }
}
