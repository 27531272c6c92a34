package dev.vpnc.emit;

import dev.vpnc.plan.Endpoint;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.LanAddress;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.plan.Underlay;
import dev.vpnc.resolve.InsideMode;
import dev.vpnc.resolve.RoutingTimers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A hand-built plan of the reference network: 3 sites (site1..site3, AS 65001..65003), 2 gateways
 * each (v1-1, v1-2, ...), one internal router each (r1..r3), a full mesh of 12 tunnels between
 * gateways of different sites (/127s from 2001:db8:ff::/64, /31s from 10.255.255.0/24, ports from
 * 5800), site prefixes 2001:db8:aN::/64 and 10.0.N.0/24, site LANs 2001:db8:aN:ffff::/64 and
 * 10.0.N.240/28. Built independently of the allocator, so the emitter tests do not depend on it.
 */
public final class ReferencePlanFixture {
    public static final String NETWORK = "corp";

    /** Private keys matching {@link #PUBLIC_KEYS}: never in a plan, must never appear in the output. */
    public static final Map<String, String> PRIVATE_KEYS = Map.of(
            "v1-1", "CIo2WEtlBD40/4Q/FtnuRsSqbgDNAR5S3L0xjecdU1A=",
            "v1-2", "KHZQOGB/lnlSN/eZgHboIMryLJX67hwtuMOymsrFIUc=",
            "v2-1", "YLJRMYzEuw8wxa1FwNPT1xNDP1Q+BpvmW9gpWLYqp2M=",
            "v2-2", "iBeKGOTobTWuriZge1x4D/JgnNm5ltEiAkvWGQpQuHI=",
            "v3-1", "uHNQzDgLhMQWCoRkVEZZIeKYIGHLNOY9QTSHKJhcVmU=",
            "v3-2", "+De2U6tAr0neRFsRG9hcMHjum71ItdEoxTAAlcOt5Xw=");

    public static final Map<String, String> PUBLIC_KEYS = Map.of(
            "v1-1", "nRGvYiRndgZPp1X0rfyzrZPl/fdOIkZMViyWpaysCUw=",
            "v1-2", "ZOA0ad0oL3pTSeeDCvvKh1CkfbrZVA7C1DfrqDjyUFQ=",
            "v2-1", "7BxonoZfCBTMvRgFYqCQYiPHtQkOYhww3DDBIucGrgk=",
            "v2-2", "7gEamN9uPA5gXziQ4sSW8+NzlOu1NG/M4+sSvCEg1Ck=",
            "v3-1", "THPRwchTxA2EzfB92IDCBAPu1K8znqF6Lp6QnLlallw=",
            "v3-2", "Fp6IhjbNPELYDKFHUMWzHSyDi2/7ney5l99JQ3r5WlA=");

    private ReferencePlanFixture() {
    }

    /** The reference: iBGP inside the sites, BFD on, IPv4 carried. */
    public static NetworkPlan plan() {
        return plan(InsideMode.BGP, true);
    }

    public static NetworkPlan plan(InsideMode inside, boolean bfd) {
        return plan(inside, bfd, true);
    }

    public static NetworkPlan plan(InsideMode inside, boolean bfd, boolean ipv4) {
        RoutingTimers timers = new RoutingTimers(6, 2, 160, bfd, 100, 3, 1, 4, 10);
        List<Gw> gws = new ArrayList<>();
        for (int site = 1; site <= 3; site++) {
            for (int g = 1; g <= 2; g++) {
                gws.add(new Gw(site, g));
            }
        }
        // One tunnel per pair of gateways of different sites, numbered in a fixed order.
        Map<Gw, List<TunnelEnd>> tunnels = new java.util.HashMap<>();
        gws.forEach(gw -> tunnels.put(gw, new ArrayList<>()));
        int index = 0;
        for (int i = 0; i < gws.size(); i++) {
            for (int j = i + 1; j < gws.size(); j++) {
                Gw a = gws.get(i);
                Gw b = gws.get(j);
                if (a.site == b.site) {
                    continue;
                }
                String a6 = "2001:db8:ff::" + Integer.toHexString(2 * index);
                String b6 = "2001:db8:ff::" + Integer.toHexString(2 * index + 1);
                String a4 = ipv4 ? "10.255.255." + (2 * index) : null;
                String b4 = ipv4 ? "10.255.255." + (2 * index + 1) : null;
                int aPort = 5800 + 2 * index;
                int bPort = 5800 + 2 * index + 1;
                boolean psk = index % 2 == 0;
                int keepalive = index % 3 == 0 ? 25 : 0;
                tunnels.get(a).add(end(a, b, aPort, bPort, a6, b6, a4, b4, psk, keepalive, ipv4));
                tunnels.get(b).add(end(b, a, bPort, aPort, b6, a6, b4, a4, psk, keepalive, ipv4));
                index++;
            }
        }
        List<GatewayPlan> gateways = new ArrayList<>();
        List<RouterPlan> routers = new ArrayList<>();
        for (int site = 1; site <= 3; site++) {
            for (Gw gw : gws) {
                if (gw.site != site) {
                    continue;
                }
                List<Neighbor> neighbors = new ArrayList<>();
                if (inside == InsideMode.BGP) {
                    Gw other = new Gw(site, 3 - gw.g);
                    neighbors.add(neighbor(other.name(), lan(site, other.g, ipv4), true));
                    neighbors.add(neighbor("r" + site, lan(site, 3, ipv4), false));
                    neighbors.sort(Comparator.comparing(Neighbor::host));
                }
                List<TunnelEnd> ends = new ArrayList<>(tunnels.get(gw));
                ends.sort(Comparator.comparing(TunnelEnd::ifname));
                gateways.add(new GatewayPlan(gw.name(), siteName(site), asn(site),
                        "10.0." + site + "." + (240 + gw.g), "private", "eth0", List.of("eth1"),
                        lan(site, gw.g, ipv4), PUBLIC_KEYS.get(gw.name()), inside, timers,
                        prefixes6(site), ipv4 ? prefixes4(site) : List.of(), ipv4, ends, neighbors, gw.endpoint()));
            }
            List<Neighbor> routerGateways = inside == InsideMode.BGP
                    ? List.of(neighbor("v" + site + "-1", lan(site, 1, ipv4), true),
                            neighbor("v" + site + "-2", lan(site, 2, ipv4), true))
                    : List.of();
            routers.add(new RouterPlan("r" + site, siteName(site), asn(site), "10.0." + site + ".243", "eth0",
                    List.of("eth1"), lan(site, 3, ipv4), inside, timers, prefixes6(site),
                    ipv4 ? prefixes4(site) : List.of(), prefixes6(site), ipv4 ? prefixes4(site) : List.of(),
                    ipv4, routerGateways));
        }
        gateways.sort(Comparator.comparing(GatewayPlan::name));
        return new NetworkPlan(NETWORK, gateways, routers);
    }

    private record Gw(int site, int g) {
        String name() {
            return "v" + site + "-" + g;
        }

        /** Sites 1 and 2 are reached over IPv6, site 3's second gateway over IPv4 (both formats). */
        Endpoint endpoint() {
            return site == 3 && g == 2 ? new Endpoint("192.0.2.32", Endpoint.Kind.IPV4)
                    : new Endpoint("2001:db8:" + site + "::" + g, Endpoint.Kind.IPV6);
        }
    }

    private static TunnelEnd end(Gw self, Gw peer, int listenPort, int peerPort, String local6, String peer6,
                                 String local4, String peer4, boolean psk, int keepalive, boolean ipv4) {
        String ifname = "wg-" + peer.name();
        return new TunnelEnd(ifname, listenPort, peer.name(), siteName(peer.site), asn(peer.site),
                peer.endpoint(), peerPort, PUBLIC_KEYS.get(peer.name()), psk, psk ? "psk/" + ifname + ".psk" : null,
                local6, peer6, local4, peer4, "bgp_" + peer.name().replace('-', '_'), prefixes6(peer.site),
                ipv4 ? prefixes4(peer.site) : List.of(), 1420, Underlay.IPV6, keepalive);
    }

    private static Neighbor neighbor(String host, LanAddress lan, boolean gateway) {
        return new Neighbor(host, "ibgp_" + host.replace('-', '_'), lan, gateway);
    }

    private static LanAddress lan(int site, int hostIndex, boolean ipv4) {
        return new LanAddress("2001:db8:a" + site + ":ffff::" + hostIndex, 64,
                ipv4 ? "10.0." + site + "." + (240 + hostIndex) : null, ipv4 ? 28 : 0);
    }

    private static String siteName(int site) {
        return "site" + site;
    }

    private static long asn(int site) {
        return 65000 + site;
    }

    private static List<String> prefixes6(int site) {
        return List.of("2001:db8:a" + site + "::/64");
    }

    private static List<String> prefixes4(int site) {
        return List.of("10.0." + site + ".0/24");
    }
}
