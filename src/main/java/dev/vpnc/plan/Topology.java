package dev.vpnc.plan;

import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which gateways have a tunnel to which: the mesh, as pairs of gateways sorted by name. */
public final class Topology {
    private Topology() {
    }

    /** A tunnel between two gateways of different sites; {@code a} sorts before {@code b}. */
    public record Pair(Model.Gateway a, Model.Gateway b) {
        public String key() {
            return a.name().text() + " " + b.name().text();
        }
    }

    /** Built from the linked site pairs only, so the work follows the tunnels, not the square of the sites. */
    public static List<Pair> tunnels(Model model) {
        Map<String, Model.Site> sites = sitesByName(model);
        List<Pair> pairs = new ArrayList<>();
        for (String[] link : linkedSites(model)) {
            Model.Site x = sites.get(link[0]);
            Model.Site y = sites.get(link[1]);
            for (Model.Gateway a : x.gateways()) {
                for (Model.Gateway b : y.gateways()) {
                    pairs.add(a.name().text().compareTo(b.name().text()) < 0 ? new Pair(a, b) : new Pair(b, a));
                }
            }
        }
        pairs.sort(Comparator.comparing((Pair p) -> p.a().name().text()).thenComparing(p -> p.b().name().text()));
        return pairs;
    }

    /**
     * How many tunnels each gateway of each site has (every gateway of a site has the same
     * number), counted without building the tunnels: a range check can then fail fast on a
     * network too large to enumerate.
     */
    public static Map<String, Long> tunnelsPerGateway(Model model) {
        Map<String, Model.Site> sites = sitesByName(model);
        Map<String, Long> count = new LinkedHashMap<>();
        if (model.network().fullMesh()) {
            long all = sites.values().stream().mapToLong(s -> s.gateways().size()).sum();
            sites.forEach((name, s) -> count.put(name, all - s.gateways().size()));
            return count;
        }
        sites.keySet().forEach(name -> count.put(name, 0L));
        for (String[] link : linkedSites(model)) {
            count.merge(link[0], (long) sites.get(link[1]).gateways().size(), Long::sum);
            count.merge(link[1], (long) sites.get(link[0]).gateways().size(), Long::sum);
        }
        return count;
    }

    /** Site pairs with tunnels between them, each once, names in order; unknown and self links dropped (checked elsewhere). */
    private static List<String[]> linkedSites(Model model) {
        List<String> names = new ArrayList<>(sitesByName(model).keySet());
        List<String[]> out = new ArrayList<>();
        if (model.network().fullMesh()) {
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    out.add(new String[] {names.get(i), names.get(j)});
                }
            }
            return out;
        }
        Set<String> known = Set.copyOf(names);
        Set<String> seen = new TreeSet<>();
        for (Model.Link l : model.network().mesh()) {
            String a = l.a().text();
            String b = l.b().text();
            if (a.equals(b) || !known.contains(a) || !known.contains(b)) {
                continue;
            }
            String[] pair = a.compareTo(b) < 0 ? new String[] {a, b} : new String[] {b, a};
            if (seen.add(pair[0] + " " + pair[1])) {
                out.add(pair);
            }
        }
        return out;
    }

    private static Map<String, Model.Site> sitesByName(Model model) {
        Map<String, Model.Site> sites = new TreeMap<>();
        model.sites().forEach(s -> sites.putIfAbsent(s.name().text(), s));
        return sites;
    }
}
