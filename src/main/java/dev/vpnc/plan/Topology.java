package dev.vpnc.plan;

import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    public static List<Pair> tunnels(Model model) {
        Set<String> linked = new HashSet<>();
        if (!model.network().fullMesh()) {
            for (Model.Link l : model.network().mesh()) {
                linked.add(siteKey(l.a().text(), l.b().text()));
            }
        }
        List<Model.Gateway> all = new ArrayList<>();
        model.sites().forEach(s -> all.addAll(s.gateways()));
        all.sort((x, y) -> x.name().text().compareTo(y.name().text()));
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Model.Gateway a = all.get(i);
                Model.Gateway b = all.get(j);
                if (a.site().equals(b.site())) {
                    continue;
                }
                if (model.network().fullMesh() || linked.contains(siteKey(a.site(), b.site()))) {
                    pairs.add(new Pair(a, b));
                }
            }
        }
        return pairs;
    }

    private static String siteKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }
}
