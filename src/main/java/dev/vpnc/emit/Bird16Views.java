package dev.vpnc.emit;

import dev.vpnc.emit.BirdView.Channel;
import dev.vpnc.emit.BirdView.Direct;
import dev.vpnc.emit.BirdView.Session;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.RouterPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The BIRD 1.6 target, the reference article's own form: {@code bird6} routes IPv6 with
 * {@code bird6.conf}, {@code bird} routes IPv4 with {@code bird.conf}. Both configs are cut out of
 * the BIRD 2 view of the same host, so they hold the same decisions (sessions, filters, BFD,
 * ECMP, inside-site routing), one family each:
 * <ul>
 *   <li>a BIRD 2 session with an IPv6 and an IPv4 channel becomes an IPv6 session in bird6 and an
 *       IPv4 session in bird, between the link's IPv4 addresses (the tunnel /31s, the LAN
 *       addresses): BIRD 1.6 has no channels, a session carries one family;</li>
 *   <li>prefix sets, filters, kernel, OSPF and direct protocols go to the daemon of their family;</li>
 *   <li>BFD runs in each daemon on the interfaces where that daemon has sessions.</li>
 * </ul>
 * A host that carries no IPv4 gets bird6 only.
 */
final class Bird16Views {
    private static final String V6 = "ipv6";
    private static final String V4 = "ipv4";

    private Bird16Views() {
    }

    /**
     * One config of a BIRD 1.6 host.
     *
     * @param file   file name in the bundle ({@code bird6.conf}, {@code bird.conf})
     * @param family the family its daemon routes
     * @param view   what the template prints
     */
    record Config(String file, String family, BirdView view) {
    }

    static List<Config> gateway(String network, GatewayPlan gw) {
        return configs(BirdViews.gateway(network, gw), BirdViews.gatewaySubject(network, gw), gatewayNotes(gw));
    }

    static List<Config> router(String network, RouterPlan r) {
        return configs(BirdViews.router(network, r), BirdViews.routerSubject(network, r), routerNotes(r));
    }

    /** The daemons of a host: bird6 always, bird when it carries IPv4. */
    static boolean routesIpv4(BirdView full) {
        return full.kernels().stream().anyMatch(k -> k.family().equals(V4));
    }

    private static List<Config> configs(BirdView full, String subject, List<String> notes) {
        List<Config> out = new ArrayList<>();
        out.add(new Config("bird6.conf", V6, family(full, V6,
                "BIRD 1.6 config of bird6 (IPv6 routes) on " + subject, notes)));
        if (routesIpv4(full)) {
            out.add(new Config("bird.conf", V4, family(full, V4,
                    "BIRD 1.6 config of bird (IPv4 routes) on " + subject, notes)));
        }
        return out;
    }

    /** The part of a BIRD 2 view that one BIRD 1.6 daemon runs. */
    static BirdView family(BirdView full, String family, String title, List<String> notes) {
        List<Session> sessions = new ArrayList<>();
        for (Session s : full.sessions()) {
            for (Channel c : s.channels()) {
                if (c.family().equals(family)) {
                    // Separate daemons, separate namespaces of symbols: both keep the session's name.
                    sessions.add(s.only(c, s.name()));
                }
            }
        }
        List<BirdView.Ospf> ospf = full.ospf().stream().filter(o -> o.family().equals(family)).toList();
        Direct direct = full.direct() == null || !full.direct().families().contains(family) ? null
                : new Direct(full.direct().name(), List.of(family), full.direct().interfaces());
        return new BirdView(title, notes, full.routerId(),
                full.prefixSets().stream().filter(p -> p.family().equals(family)).toList(),
                full.filters().stream().filter(f -> f.family().equals(family)).toList(),
                full.kernels().stream().filter(k -> k.family().equals(family)).toList(),
                direct, full.timers(), bfdInterfaces(full, sessions, ospf), sessions, ospf, full.probe());
    }

    /**
     * The BFD interfaces of the full view where this daemon has something to watch: the
     * interface a session is bound to (tunnels), and the others (the LAN, whose sessions are not
     * bound to an interface) when it has a LAN session or runs OSPF.
     */
    private static List<String> bfdInterfaces(BirdView full, List<Session> sessions, List<BirdView.Ospf> ospf) {
        Set<String> bound = new HashSet<>();
        full.sessions().forEach(s -> {
            if (s.iface() != null) {
                bound.add(s.iface());
            }
        });
        Set<String> ours = new HashSet<>();
        sessions.forEach(s -> {
            if (s.iface() != null) {
                ours.add(s.iface());
            }
        });
        boolean onLan = !ospf.isEmpty() || sessions.stream().anyMatch(s -> s.iface() == null);
        return full.bfdInterfaces().stream().filter(i -> bound.contains(i) ? ours.contains(i) : onLan).toList();
    }

    private static List<String> gatewayNotes(GatewayPlan gw) {
        List<String> notes = new ArrayList<>(List.of(
                "BIRD 1.6, as in the reference article: bird6 routes IPv6 (bird6.conf), bird routes IPv4",
                "(bird.conf, when IPv4 is carried). A session carries one family: each tunnel has an IPv6",
                "session in bird6 (between its /127 addresses) and an IPv4 one in bird (its /31 addresses),",
                "both bound to the tunnel interface and watched by BFD when it is on.",
                "No transit: a tunnel accepts only the peer site's prefixes and announces only this site's."));
        switch (gw.inside()) {
            case OSPF -> {
                notes.add("Inside the site: OSPF (OSPFv3 in bird6, OSPFv2 in bird). BGP preference "
                        + gw.timers().bgpPreference() + " outranks OSPF (150): each");
                notes.add("gateway uses its own tunnels before the other gateway's externals (no loop).");
            }
            case BGP -> {
                if (!gw.neighbors().isEmpty()) {
                    notes.add("Inside the site: iBGP over the LAN (one session per family), the routers being");
                    notes.add("route-reflector clients of the gateways; next hop self, ECMP over both gateways.");
                }
            }
        }
        return notes;
    }

    private static List<String> routerNotes(RouterPlan r) {
        return switch (r.inside()) {
            case OSPF -> List.of("BIRD 1.6: bird6 routes IPv6 (bird6.conf), bird routes IPv4 (bird.conf, when carried).",
                    "OSPF with the site's gateways on the LAN (OSPFv3 in bird6, OSPFv2 in bird): announces",
                    "this router's prefixes as externals, learns remote sites from both gateways (ECMP).");
            case BGP -> List.of("BIRD 1.6: bird6 routes IPv6 (bird6.conf), bird routes IPv4 (bird.conf, when carried).",
                    "iBGP with each gateway of the site over the LAN, one session per family (route-reflector",
                    "client): announces this router's prefixes, learns remote sites from every gateway (ECMP).");
        };
    }
}
