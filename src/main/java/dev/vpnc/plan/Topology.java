package dev.vpnc.plan;

import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which gateways have a tunnel to which: the pairs of gateways of different sites, sorted by
 * name. Three shapes: a full mesh (every gateway to every gateway of every other site),
 * hub-and-spoke (spoke sites to every hub site, hubs to each other) and explicit links between
 * sites or single gateways.
 */
public final class Topology {
    private Topology() {
    }

    /** A tunnel between two gateways of different sites; {@code a} sorts before {@code b}. */
    public record Pair(Model.Gateway a, Model.Gateway b) {
        /** The pair's names, as vpnc.lock and the key store know the tunnel. */
        public GatewayPair names() {
            return new GatewayPair(a.name().text(), b.name().text());
        }
    }

    /** The tunnels of one linked site pair: all gateway pairs, or the listed ones only. */
    private record SiteLink(Model.Site x, Model.Site y, boolean all, Set<GatewayPair> gatewayPairs) {
    }

    /** Built from the linked site pairs only, so the work follows the tunnels, not the square of the sites. */
    public static List<Pair> tunnels(Model model) {
        Map<String, Model.Gateway> gateways = gatewaysByName(model);
        List<Pair> pairs = new ArrayList<>();
        for (SiteLink link : siteLinks(model)) {
            if (link.all()) {
                for (Model.Gateway a : link.x().gateways()) {
                    for (Model.Gateway b : link.y().gateways()) {
                        pairs.add(ordered(a, b));
                    }
                }
            } else {
                for (GatewayPair p : link.gatewayPairs()) {
                    pairs.add(ordered(gateways.get(p.a()), gateways.get(p.b())));
                }
            }
        }
        pairs.sort(Comparator.comparing((Pair p) -> p.a().name().text()).thenComparing(p -> p.b().name().text()));
        return pairs;
    }

    /**
     * How many tunnels each gateway has, counted without building the tunnels: a range check
     * can then fail fast on a network too large to enumerate.
     */
    public static Map<String, Long> tunnelsPerGateway(Model model) {
        Map<String, Long> count = new TreeMap<>();
        if (model.network().fullMesh()) {
            long all = model.sites().stream().mapToLong(s -> s.gateways().size()).sum();
            model.sites().forEach(s -> s.gateways().forEach(g -> count.put(g.name().text(), all - s.gateways().size())));
            return count;
        }
        model.sites().forEach(s -> s.gateways().forEach(g -> count.put(g.name().text(), 0L)));
        for (SiteLink link : siteLinks(model)) {
            if (link.all()) {
                link.x().gateways().forEach(g -> count.merge(g.name().text(), (long) link.y().gateways().size(), Long::sum));
                link.y().gateways().forEach(g -> count.merge(g.name().text(), (long) link.x().gateways().size(), Long::sum));
            } else {
                for (GatewayPair p : link.gatewayPairs()) {
                    count.merge(p.a(), 1L, Long::sum);
                    count.merge(p.b(), 1L, Long::sum);
                }
            }
        }
        return count;
    }

    /** Site pairs with tunnels between them, each once, in name order; unknown and same-site ends dropped (checked elsewhere). */
    private static List<SiteLink> siteLinks(Model model) {
        Map<String, Model.Site> sites = sitesByName(model);
        List<String> names = new ArrayList<>(sites.keySet());
        List<SiteLink> out = new ArrayList<>();
        if (model.network().fullMesh()) {
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    out.add(new SiteLink(sites.get(names.get(i)), sites.get(names.get(j)), true, Set.of()));
                }
            }
            return out;
        }
        Map<Model.SitePair, SiteLink> links = new TreeMap<>();
        if (model.network().hubAndSpoke()) {
            Set<String> hubs = new TreeSet<>();
            model.network().hubs().forEach(h -> hubs.add(h.text()));
            hubs.retainAll(sites.keySet());
            for (String hub : hubs) {
                for (String other : names) {
                    if (!other.equals(hub) && (!hubs.contains(other) || hub.compareTo(other) < 0)) {
                        links.put(Model.SitePair.of(hub, other), siteLink(sites.get(hub), sites.get(other), true, new TreeSet<>()));
                    }
                }
            }
            return new ArrayList<>(links.values());
        }
        Map<String, Model.Gateway> gateways = gatewaysByName(model);
        for (Model.Link l : model.network().links()) {
            List<Model.Gateway> a = end(l.a().text(), sites, gateways);
            List<Model.Gateway> b = end(l.b().text(), sites, gateways);
            if (a.isEmpty() || b.isEmpty() || a.get(0).site().equals(b.get(0).site())) {
                continue;
            }
            Model.Site x = sites.get(a.get(0).site());
            Model.Site y = sites.get(b.get(0).site());
            boolean all = sites.containsKey(l.a().text()) && sites.containsKey(l.b().text());
            SiteLink link = links.computeIfAbsent(Model.SitePair.of(x.name().text(), y.name().text()),
                    k -> siteLink(x, y, false, new TreeSet<>()));
            if (all && !link.all()) {
                link = siteLink(x, y, true, new TreeSet<>());
                links.put(Model.SitePair.of(x.name().text(), y.name().text()), link);
            }
            if (!link.all()) {
                for (Model.Gateway ga : a) {
                    for (Model.Gateway gb : b) {
                        link.gatewayPairs().add(ordered(ga, gb).names());
                    }
                }
            }
        }
        return new ArrayList<>(links.values());
    }

    private static SiteLink siteLink(Model.Site x, Model.Site y, boolean all, Set<GatewayPair> pairs) {
        return x.name().text().compareTo(y.name().text()) < 0 ? new SiteLink(x, y, all, pairs) : new SiteLink(y, x, all, pairs);
    }

    /** A link end: all the gateways of a site, or one gateway. */
    private static List<Model.Gateway> end(String name, Map<String, Model.Site> sites, Map<String, Model.Gateway> gateways) {
        if (sites.containsKey(name)) {
            return sites.get(name).gateways();
        }
        return gateways.containsKey(name) ? List.of(gateways.get(name)) : List.of();
    }

    private static Pair ordered(Model.Gateway a, Model.Gateway b) {
        return a.name().text().compareTo(b.name().text()) < 0 ? new Pair(a, b) : new Pair(b, a);
    }

    private static Map<String, Model.Site> sitesByName(Model model) {
        Map<String, Model.Site> sites = new TreeMap<>();
        model.sites().forEach(s -> sites.putIfAbsent(s.name().text(), s));
        return sites;
    }

    private static Map<String, Model.Gateway> gatewaysByName(Model model) {
        Map<String, Model.Gateway> gateways = new HashMap<>();
        model.sites().forEach(s -> s.gateways().forEach(g -> gateways.putIfAbsent(g.name().text(), g)));
        return gateways;
    }
}
