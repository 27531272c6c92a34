package dev.vpnc.emit;

import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.resolve.InsideMode;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The FRR instance of a host on FRR: its own pathspace ({@code -N}), so that its sockets and pid
 * files ({@code /run/frr/NAME/}) never meet the machine's own FRR nor another host's in the lab,
 * and the daemons it runs, in start order (zebra first: the others connect to it).
 *
 * @param pathspace {@code vpnc-HOST}: FRR's instance name for this host
 * @param daemons   zebra, then bgpd and bfdd where BGP runs, ospf6d and ospfd for OSPF inside
 * @param bgp       whether bgpd runs (not on an internal router of a site with OSPF inside)
 */
public record Frr(String pathspace, List<String> daemons, boolean bgp) {
    /** Where Debian's FRR keeps an instance's sockets and pid files (its --localstatedir). */
    static final String STATE_ROOT = "/run/frr/";

    public Frr {
        daemons = List.copyOf(daemons);
    }

    /** The instance's folder: vty sockets, pid files, zserv.api. */
    public String stateDir() {
        return STATE_ROOT + pathspace;
    }

    /** The daemons in stop order: zebra last, so that it withdraws the routes the others gave it. */
    public List<String> stopOrder() {
        List<String> out = new ArrayList<>(daemons);
        Collections.reverse(out);
        return out;
    }

    static Frr of(String host, InsideMode inside, boolean ipv4, boolean gateway) {
        List<String> daemons = new ArrayList<>(List.of("zebra"));
        boolean bgp = gateway || inside == InsideMode.BGP;
        if (bgp) {
            daemons.add("bgpd");
        }
        // bfdd serves BGP's and OSPF's BFD sessions alike.
        daemons.add("bfdd");
        if (inside == InsideMode.OSPF) {
            daemons.add("ospf6d");
            if (ipv4) {
                daemons.add("ospfd");
            }
        }
        return new Frr("vpnc-" + host, daemons, bgp);
    }

    /**
     * The IPv6 link-local address of this end of a tunnel. A kernel WireGuard interface has none,
     * and FRR's bgpd then never brings an IPv6 session up over it ("does not have a v6 LL
     * address", FRR issue 12229): the lower end of the /127 takes fe80::1, the upper fe80::2
     * (link-local scope is the link, so every tunnel can use the same two).
     */
    static String linkLocal(TunnelEnd t) {
        return compare(t.local6(), t.peer6()) < 0 ? "fe80::1" : "fe80::2";
    }

    private static int compare(String a, String b) {
        return new IPAddressString(a).getAddress().compareTo(new IPAddressString(b).getAddress());
    }
}
