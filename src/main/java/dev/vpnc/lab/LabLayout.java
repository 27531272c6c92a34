package dev.vpnc.lab;

import dev.vpnc.plan.Endpoint;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.resolve.RoutingSuite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the lab emulates a compiled network: which holders, links and addresses. Pure data from
 * the plan, so it is the same in {@code lab up} and {@code lab test}.
 *
 * <p>Underlay: every gateway's uplink (named as the .vpn declares) is a veth to the {@code wan}
 * holder, a router with forwarding on. A gateway has its endpoint address (as the other
 * gateways' configs name it) and, for the other family or a DNS endpoint, a lab address from
 * 2001:db8:ffff::/64 or 203.0.113.0/24, so that both IPv6 and IPv4 endpoints are reachable
 * from everywhere. DNS endpoints resolve through a hosts file bind-mounted on /etc/hosts in
 * every host. Site LAN: a bridge in a {@code lan-SITE} holder, with the site's gateways' first
 * LAN interface and its routers' {@code lan} interface as ports. Site prefixes: the routers'
 * host interfaces are veths whose peer stays in the router (the kernel here has no dummy
 * interfaces) holding the first two addresses of each prefix the router announces.
 */
public final class LabLayout {
    /** Prefix of every interface name the lab itself chooses. */
    static final String IF = "vl";
    static final String WAN = "+wan";  // "+": never the name of a host of the .vpn
    static final String WAN_LINK6 = "fe80::1";
    static final String WAN_LINK4 = "192.0.2.1";

    /** A gateway's place in the lab. */
    public record Gw(GatewayPlan plan, int index, String v6, String v4, List<String> dnsNames) {
        String wanPort() {
            return IF + "u" + index;
        }

        String lanPort() {
            return IF + "g" + index;
        }
    }

    /** A router's place in the lab and the addresses pinged on it (first address first). */
    public record Rt(RouterPlan plan, int index, List<String> v6, List<String> v4) {
        String lanPort() {
            return IF + "r" + index;
        }
    }

    /** A site: its gateways, its routers. */
    public record Site(String name, List<Gw> gateways, List<Rt> routers) {
        String holder() {
            return "+lan-" + name;
        }

        /** The router whose host addresses stand for the site in pings, or null. */
        Rt pinged() {
            return routers.stream().filter(r -> !r.v6().isEmpty() || !r.v4().isEmpty()).findFirst().orElse(null);
        }
    }

    private final NetworkPlan plan;
    private final Map<String, Gw> gateways = new LinkedHashMap<>();
    private final Map<String, Rt> routers = new LinkedHashMap<>();
    private final Map<String, Site> sites = new TreeMap<>();

    public LabLayout(NetworkPlan plan) {
        this.plan = plan;
        // The lab runs the bundles with the machine's BIRD 2 and FRR: `vpnc lab` compiles for them (E0210
        // names the setting that asks for BIRD 1.6); a plan from elsewhere is refused here.
        if (plan.gateways().stream().anyMatch(g -> g.routing() == RoutingSuite.BIRD16)
                || plan.routers().stream().anyMatch(r -> r.routing() == RoutingSuite.BIRD16)) {
            throw new LabException("vpnc lab runs BIRD 2 and FRR only");
        }
        Set<String> taken = new LinkedHashSet<>();
        plan.gateways().forEach(g -> taken.add(g.endpoint().host()));
        int i = 0;
        int next6 = 1;
        int next4 = 1;
        for (GatewayPlan g : plan.gateways()) {
            Endpoint endpoint = g.endpoint();
            String v6 = null;
            String v4 = null;
            List<String> dns = new ArrayList<>();
            switch (endpoint.kind()) {
                case IPV6 -> v6 = endpoint.host();
                case IPV4 -> v4 = endpoint.host();
                case DNS -> dns.add(endpoint.host());
            }
            while (v6 == null) {
                String c = "2001:db8:ffff::" + Integer.toHexString(next6++);
                v6 = taken.contains(c) ? null : c;
            }
            while (v4 == null) {
                String c = "203.0.113." + next4++;
                v4 = taken.contains(c) ? null : c;
            }
            Gw gw = new Gw(g, i++, v6, v4, dns);
            gateways.put(g.name(), gw);
            site(g.site()).gateways().add(gw);
        }
        int j = 0;
        for (RouterPlan r : plan.routers()) {
            List<String> v6 = new ArrayList<>();
            List<String> v4 = new ArrayList<>();
            for (String p : r.prefixes6()) {
                v6.add(Addresses.nth(p, 1));
                if (v6.size() == 1) {
                    v6.add(Addresses.nth(p, 2)); // a second source/target: more ECMP paths used by the flows
                }
            }
            for (String p : r.prefixes4()) {
                v4.add(Addresses.nth(p, 1));
                if (v4.size() == 1) {
                    v4.add(Addresses.nth(p, 2));
                }
            }
            Rt rt = new Rt(r, j++, v6, v4);
            routers.put(r.name(), rt);
            site(r.site()).routers().add(rt);
        }
    }

    private Site site(String name) {
        return sites.computeIfAbsent(name, n -> new Site(n, new ArrayList<>(), new ArrayList<>()));
    }

    public NetworkPlan plan() {
        return plan;
    }

    public String network() {
        return plan.network();
    }

    public List<Gw> gateways() {
        return List.copyOf(gateways.values());
    }

    public Gw gateway(String name) {
        return gateways.get(name);
    }

    public List<Rt> routers() {
        return List.copyOf(routers.values());
    }

    /** The routing suite of a host of the network (a gateway or an internal router). */
    public RoutingSuite routing(String host) {
        Gw g = gateways.get(host);
        return g != null ? g.plan().routing() : routers.get(host).plan().routing();
    }

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public Site site(GatewayPlan g) {
        return sites.get(g.site());
    }

    /** Every emulated host of the .vpn, gateways first, in plan order. */
    public List<String> hostNames() {
        List<String> names = new ArrayList<>(gateways.keySet());
        names.addAll(routers.keySet());
        return names;
    }

    /** The holders the lab needs besides the hosts: the underlay router and one LAN per site. */
    public List<String> infrastructure() {
        List<String> names = new ArrayList<>(List.of(WAN));
        sites.values().forEach(s -> names.add(s.holder()));
        return names;
    }

    /** /etc/hosts of every emulated host: the DNS endpoints. */
    String hostsFile() {
        StringBuilder sb = new StringBuilder("127.0.0.1 localhost\n::1 localhost\n");
        for (Gw g : gateways.values()) {
            for (String n : g.dnsNames()) {
                sb.append(g.v6()).append(' ').append(n).append('\n');
            }
        }
        return sb.toString();
    }

    /** Whether two sites have tunnels between them (a mesh may leave pairs unlinked). */
    /** Whether site {@code a} routes to {@code b}: over its own tunnels, or through a hub that carries b. */
    boolean linked(Site a, Site b) {
        return a.gateways().stream().anyMatch(g -> g.plan().tunnels().stream()
                .anyMatch(t -> t.peerSite().equals(b.name()) || t.viaSites().contains(b.name())));
    }
}
