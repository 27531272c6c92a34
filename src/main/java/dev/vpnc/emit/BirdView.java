package dev.vpnc.emit;

import dev.vpnc.plan.RoutingTimers;
import java.util.List;

/**
 * Everything {@code bird.conf.ftl} prints, for a gateway or an internal router. Built by
 * {@link BirdViews}; the template only loops over these lists.
 *
 * @param title         first line of the header comment
 * @param notes         design notes printed under the header (why the config looks like this)
 * @param routerId      BIRD router id
 * @param prefixSets    named prefix sets ({@code define}), in print order
 * @param filters       named filters, in print order
 * @param kernels       one kernel protocol per family
 * @param direct        direct protocol announcing host interfaces (routers), or {@code null}
 * @param timers        routing timers of the host
 * @param bfdInterfaces interfaces where BFD runs (empty: no BFD protocol)
 * @param sessions      BGP sessions
 * @param ospf          OSPF instances (inside mode OSPF), empty otherwise
 */
public record BirdView(
        String title,
        List<String> notes,
        String routerId,
        List<PrefixSet> prefixSets,
        List<Filter> filters,
        List<Kernel> kernels,
        Direct direct,
        RoutingTimers timers,
        List<String> bfdInterfaces,
        List<Session> sessions,
        List<Ospf> ospf) {

    public BirdView {
        notes = List.copyOf(notes);
        prefixSets = List.copyOf(prefixSets);
        filters = List.copyOf(filters);
        kernels = List.copyOf(kernels);
        bfdInterfaces = List.copyOf(bfdInterfaces);
        sessions = List.copyOf(sessions);
        ospf = List.copyOf(ospf);
    }

    /** {@code define NAME = [ a+, b+ ];} with its reason. Never empty (BIRD needs a member to type the set). */
    public record PrefixSet(String name, String comment, List<String> members) {
        public PrefixSet {
            members = List.copyOf(members);
        }
    }

    /** {@code filter NAME { if MATCH then accept; reject; }}: accept what matches, reject the rest. */
    /** An import or export filter: accept what one of its rules matches, in order; reject the rest. */
    public record Filter(String name, String comment, List<Rule> rules) {
        public Filter {
            rules = List.copyOf(rules);
        }

        public Filter(String name, String comment, String match) {
            this(name, comment, List.of(new Rule(match, null)));
        }
    }

    /**
     * One rule of a filter.
     *
     * @param localPref when not null, the LOCAL_PREF given to what the rule accepts
     */
    public record Rule(String match, Integer localPref) {
    }

    /** Kernel protocol of one family, {@code merge paths on} for ECMP. */
    public record Kernel(String name, String family, String exportRule) {
    }

    /** Direct protocol on the interfaces that carry the announced prefixes. */
    public record Direct(String name, List<String> families, List<String> interfaces) {
        public Direct {
            families = List.copyOf(families);
            interfaces = List.copyOf(interfaces);
        }
    }

    /**
     * One channel of a BGP session.
     *
     * @param importRule     what follows {@code import}: {@code filter NAME} or {@code all}
     * @param exportRule     what follows {@code export}
     * @param nextHopSelf    {@code next hop self} (iBGP towards the site)
     * @param nextHopAddress next hop to announce when the session's address family differs, or {@code null}
     */
    public record Channel(String family, String importRule, String exportRule, boolean nextHopSelf,
                          String nextHopAddress) {
    }

    /**
     * One BGP session.
     *
     * @param iface    interface the session is bound to, or {@code null}
     * @param direct   {@code direct}: the neighbor is on a shared link (makes iBGP resolve next hops directly)
     * @param rrClient the neighbor is a route-reflector client of this host
     */
    public record Session(String name, String description, String local, long localAs, String neighbor,
                          long neighborAs, String iface, boolean direct, boolean rrClient,
                          List<Channel> channels) {
        public Session {
            channels = List.copyOf(channels);
        }
    }

    /** One OSPF instance (v3 for IPv6, v2 for IPv4) on the site LAN. */
    public record Ospf(String name, String version, String family, String importRule, String exportRule,
                       String iface) {
    }
}
