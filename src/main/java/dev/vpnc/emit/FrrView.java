package dev.vpnc.emit;

import java.util.List;

/**
 * Everything {@code frr.conf.ftl} prints: the integrated FRR configuration of one host (zebra,
 * bgpd, bfdd, ospfd, ospf6d). Built by {@link FrrViews} from the BIRD 2 view of the same host,
 * so that both targets route alike; the template only loops over these lists.
 *
 * @param title           first line of the header comment
 * @param notes           design notes printed under the header
 * @param prefixLists     {@code ip(v6) prefix-list} lines, per list, in print order
 * @param routeMaps       route-maps, in print order
 * @param protocolFilters zebra's filters of what a routing daemon may install ({@code ipv6 protocol ospf6 route-map})
 * @param bfd             the BFD profile every session uses, or {@code null} when BFD is off
 * @param interfaces      interface settings (OSPF on the LAN)
 * @param bgp             the BGP instance, or {@code null} when the host runs no BGP (a router with OSPF inside)
 * @param ospf            OSPF instances (ospf6d, and ospfd where IPv4 is carried), empty without OSPF inside
 */
public record FrrView(
        String title,
        List<String> notes,
        List<PrefixList> prefixLists,
        List<RouteMap> routeMaps,
        List<ProtocolFilter> protocolFilters,
        Bfd bfd,
        List<Interface> interfaces,
        Bgp bgp,
        List<Ospf> ospf) {

    public FrrView {
        notes = List.copyOf(notes);
        prefixLists = List.copyOf(prefixLists);
        routeMaps = List.copyOf(routeMaps);
        protocolFilters = List.copyOf(protocolFilters);
        interfaces = List.copyOf(interfaces);
        ospf = List.copyOf(ospf);
    }

    /** The profile name sessions and OSPF interfaces refer to. */
    static final String BFD_PROFILE = "vpnc";

    /**
     * A prefix-list: its entries are tried in order, the first match decides.
     *
     * @param family {@code ip} or {@code ipv6} (FRR's keyword)
     */
    public record PrefixList(String family, String name, String comment, List<PrefixEntry> entries) {
        public PrefixList {
            entries = List.copyOf(entries);
        }
    }

    /**
     * {@code seq SEQ ACTION PREFIX [le LE]}.
     *
     * @param le the longest prefix length matched (BIRD's {@code p+}), or {@code null} for the prefix only
     */
    public record PrefixEntry(int seq, String action, String prefix, Integer le) {
    }

    /**
     * A route-map: entries in order, an implicit deny after the last.
     *
     * @param probeWithdraws the prefix-list of this site's prefixes which the health probe withdraws
     *                       from this route-map while it fails (an entry {@code deny 5} matching it,
     *                       written at run time), or {@code null}: the map is not subject to the probe
     */
    public record RouteMap(String name, String comment, List<RouteMapEntry> entries, String probeWithdraws) {
        public RouteMap {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One entry: routes in {@code prefixList} (every route when {@code null}) get the sets and are
     * permitted, or denied.
     *
     * @param family       {@code ip} or {@code ipv6}, for the match
     * @param localPref    LOCAL_PREF to set, or {@code null}
     * @param nextHop4     IPv4 next hop to announce ({@code set ip next-hop}), or {@code null}
     * @param preferGlobal {@code set ipv6 next-hop prefer-global}: install the global next hop a
     *                     peer sends, not its link-local one
     */
    public record RouteMapEntry(String action, int seq, String family, String prefixList, Integer localPref,
                                String nextHop4, boolean preferGlobal) {
    }

    /** {@code FAMILY protocol PROTOCOL route-map ROUTEMAP}: what zebra installs from that daemon. */
    public record ProtocolFilter(String family, String protocol, String routeMap) {
    }

    /** A BFD profile; {@code null} fields are FRR's defaults (300 ms, 3), not written. */
    public record Bfd(String profile, Integer receiveInterval, Integer transmitInterval, Integer detectMultiplier) {
    }

    /** An interface block with its commands. */
    public record Interface(String name, List<String> commands) {
        public Interface {
            commands = List.copyOf(commands);
        }
    }

    /**
     * {@code router bgp ASN}.
     *
     * @param connectRetry seconds between connection attempts ({@code timers connect}, per neighbor)
     */
    public record Bgp(long asn, String routerId, int keepalive, int hold, int connectRetry, List<Neighbor> neighbors,
                      List<AddressFamily> families) {
        public Bgp {
            neighbors = List.copyOf(neighbors);
            families = List.copyOf(families);
        }
    }

    /**
     * One BGP session.
     *
     * @param updateSource this end's address of the session
     * @param bfdProfile   the BFD profile, or {@code null} without BFD
     * @param peer         the neighbor's host name
     * @param iface        the tunnel interface the session runs over, or {@code null} on the LAN
     * @param name         the session's name: its BIRD protocol's on a BIRD host ({@code bgp_v2_1},
     *                     {@code ibgp_r1}), as status.sh shows it; not written into frr.conf
     */
    public record Neighbor(String address, long remoteAs, String description, String updateSource, String bfdProfile,
                           String peer, String iface, String name) {
    }

    /**
     * {@code address-family NAME unicast}.
     *
     * @param family   {@code ipv6} or {@code ipv4}
     * @param distance {@code distance bgp} values, or {@code null} for FRR's (20 200 200)
     */
    public record AddressFamily(String family, List<Redistribute> redistribute, List<FamilyNeighbor> neighbors,
                                int maximumPaths, String distance) {
        public AddressFamily {
            redistribute = List.copyOf(redistribute);
            neighbors = List.copyOf(neighbors);
        }
    }

    /** {@code redistribute PROTOCOL route-map ROUTEMAP}. */
    public record Redistribute(String protocol, String routeMap) {
    }

    /** A session's settings in one address family (which activates it there). */
    public record FamilyNeighbor(String address, String routeMapIn, String routeMapOut, boolean nextHopSelf,
                                 boolean rrClient) {
    }

    /**
     * {@code router ospf6} or {@code router ospf}.
     *
     * @param daemon {@code ospf6} or {@code ospf}
     */
    public record Ospf(String daemon, String routerId, List<Redistribute> redistribute) {
        public Ospf {
            redistribute = List.copyOf(redistribute);
        }
    }
}
