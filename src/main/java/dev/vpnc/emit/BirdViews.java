package dev.vpnc.emit;

import dev.vpnc.emit.BirdView.Channel;
import dev.vpnc.emit.BirdView.Direct;
import dev.vpnc.emit.BirdView.Ospf;
import dev.vpnc.emit.BirdView.Session;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.resolve.InsideMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Routing decisions of the BIRD 2 configs: which sessions, channels, prefix sets and filters
 * exist (a gateway's in {@link GatewayBird}). Design (also explained in the generated comments):
 * <ul>
 *   <li>One BGP session per tunnel, between the /127 addresses, bound to the tunnel interface.
 *       IPv4 rides on the same session as a second channel whose next hop is this end's /31
 *       address ({@code next hop address}): the peer receives an IPv4 next hop that is directly
 *       connected on the tunnel, so BIRD resolves it without extended next hops (RFC 8950) and the
 *       kernel gets a plain IPv4 route. One session per tunnel keeps one BFD session per tunnel.</li>
 *   <li>Prefix sets use {@code prefix+} (the declared prefix and anything longer inside it): a site
 *       may announce subnets of what it declares; declared prefixes of two sites never overlap
 *       (front-end check), so a subnet still identifies exactly one site.</li>
 *   <li>No transit, in both directions: a tunnel accepts only the peer site's prefixes and exports
 *       only the own site's prefixes.</li>
 * </ul>
 */
final class BirdViews {
    private BirdViews() {
    }

    static BirdView gateway(String network, GatewayPlan gw) {
        return gateway(network, gw, Set.of());
    }

    /**
     * @param bird16Hosts hosts of the network that run BIRD 1.6: sessions with them carry one
     *                    family each, as their end does
     */
    static BirdView gateway(String network, GatewayPlan gw, Set<String> bird16Hosts) {
        return GatewayBird.view(network, gw, bird16Hosts);
    }

    static BirdView router(String network, RouterPlan r) {
        return router(network, r, Set.of());
    }

    static BirdView router(String network, RouterPlan r, Set<String> bird16Hosts) {
        BirdParts parts = new BirdParts();
        boolean ospf = r.inside() == InsideMode.OSPF;
        boolean ipv4 = r.ipv4();

        List<BirdFamily> families = BirdFamily.of(ipv4);
        Map<BirdFamily, String> mine = new HashMap<>();
        for (BirdFamily f : families) {
            mine.put(f, parts.set("ANNOUNCED_" + f.suffix().toUpperCase(Locale.ROOT), f.name(),
                    "prefixes this router announces, " + f.label(), f.v6() ? r.prefixes6() : r.prefixes4()));
        }
        Map<BirdFamily, String> announce = new HashMap<>();
        for (BirdFamily f : families) {
            announce.put(f, parts.filter("announce_" + f.suffix(), f.name(),
                    "networks of the host interfaces that belong to the announced prefixes" + f.text("", " (IPv4)"),
                    "RTS_DEVICE", BirdParts.present(mine.get(f))));
        }

        List<Ospf> ospfs = new ArrayList<>();
        if (ospf) {
            for (BirdFamily f : families) {
                ospfs.add(new Ospf(parts.claim("ospf_" + f.suffix()), f.ospfVersion(), f.name(), "all",
                        "filter " + announce.get(f), r.lanInterface()));
            }
        } else {
            for (Neighbor n : r.gateways()) {
                List<Channel> channels = new ArrayList<>();
                for (BirdFamily f : families) {
                    // The gateways filter by prefix already; take everything they send.
                    if (f.v6() || r.lan().hasIpv4() && n.lan().hasIpv4()) {
                        channels.add(new Channel(f.name(), "all", "filter " + announce.get(f), true,
                                f.nextHop(f.address(r.lan())), f.address(r.lan()), f.address(n.lan())));
                    }
                }
                parts.session(bird16Hosts.contains(n.host()), n.sessionName(),
                        new Session(n.sessionName(), "iBGP to gateway " + n.host(),
                                r.lan().ipv6(), r.asn(), n.lan().ipv6(), r.asn(), null, true, false, n.host(), channels));
            }
        }
        List<String> bfd = r.timers().bfd() && (ospf || !r.gateways().isEmpty())
                ? List.of(r.lanInterface()) : List.of();
        String kernelRule = ospf
                ? "where source ~ [ RTS_OSPF, RTS_OSPF_IA, RTS_OSPF_EXT1, RTS_OSPF_EXT2 ]"
                : "where source = RTS_BGP";
        Direct direct = new Direct(parts.claim("host_interfaces"), ipv4 ? List.of(BirdFamily.V6, BirdFamily.V4) : List.of(BirdFamily.V6),
                r.hostInterfaces());
        List<String> notes = ospf
                ? List.of("OSPF with the site's gateways on the LAN: announces this router's prefixes as",
                        "externals, learns remote sites as the gateways' externals (ECMP over both).")
                : List.of("iBGP with each gateway of the site over the LAN (route-reflector client): announces",
                        "this router's prefixes, learns remote sites from every gateway (ECMP over all of them).");
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(parts.perFamilyNote());
        return new BirdView("BIRD 2 config of " + routerSubject(network, r), allNotes, r.routerId(), parts.sets(),
                parts.filters(), parts.kernels(ipv4, kernelRule, ospf ? r.lan() : null), direct,
                r.timers(), bfd, parts.sessions(), ospfs, null);
    }

    /** Who a config is for, after "BIRD ... config of". */
    static String gatewaySubject(String network, GatewayPlan gw) {
        return "gateway " + gw.name() + " (site " + gw.site() + ", network " + network + "), private namespace "
                + gw.namespace();
    }

    static String routerSubject(String network, RouterPlan r) {
        return "internal router " + r.name() + " (site " + r.site() + ", network " + network + ")";
    }
}
