package dev.vpnc.resolve;

import dev.vpnc.ast.Name;
import dev.vpnc.ast.Value;
import dev.vpnc.source.Span;
import inet.ipaddr.IPAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The network after name resolution and settings precedence: every value is the effective one,
 * already validated, and still carries the span it came from so later checks can point at it.
 * {@code provenance} says which statement gave each setting (for the language server).
 */
public record Model(Network network, List<Site> sites, Provenance provenance) {

    /** An unordered pair of sites, by name, in name order (checks and planner both count per site pair). */
    public record SitePair(String a, String b) implements Comparable<SitePair> {
        public static SitePair of(String x, String y) {
            return x.compareTo(y) < 0 ? new SitePair(x, y) : new SitePair(y, x);
        }

        private static final Comparator<SitePair> ORDER = Comparator.comparing(SitePair::a).thenComparing(SitePair::b);

        @Override
        public int compareTo(SitePair o) {
            return ORDER.compare(this, o);
        }
    }

    public record Network(
            Name name,
            Ifname namespace,
            Pfx tunnels6,
            Pfx tunnels4,
            Located<PortRange> ports,
            Set<Value.Family> underlay,
            Located<AsnRange> asnPool,
            List<Link> mesh,
            List<Name> hubs,
            Located<Long> asn) {
        public Network {
            hubs = hubs == null ? List.of() : List.copyOf(hubs);
        }

        /** Full mesh when neither explicit links nor hubs were given. */
        public boolean fullMesh() {
            return mesh == null && hubs.isEmpty();
        }

        /** Hub-and-spoke: spokes link to every hub, hubs to each other, and hubs carry transit. */
        public boolean hubAndSpoke() {
            return !hubs.isEmpty();
        }

        /** One AS for every site (iBGP between sites, hubs reflecting routes); null when each site has its own. */
        public Located<Long> oneAs() {
            return asn;
        }

        /** Explicit links, between sites or gateways; null when the mesh is full or hub-and-spoke. */
        public List<Link> links() {
            return mesh;
        }
    }

    /** One {@code a <-> b} link; each end names a site (all its gateways) or one gateway. */
    public record Link(Name a, Name b, Span span) {
    }

    public record Site(
            Name name,
            Located<Long> asn,
            List<Pfx> prefixes6,
            List<Pfx> prefixes4,
            Pfx subnet6,
            Pfx subnet4,
            InsideMode inside,
            List<Gateway> gateways,
            List<Router> routers,
            Probe probe) {
    }

    /**
     * A site's health probe ({@code probe ADDRESS { interval 1s  down 3  up 3 }}): an address
     * each of its gateways pings over its LAN, every {@code intervalSeconds}; after {@code down}
     * unanswered pings in a row the gateway withdraws its routes, after {@code up} answered ones
     * it announces them again. Null when the site declares none.
     */
    public record Probe(IPAddress address, Span span, int intervalSeconds, int down, int up) {
    }

    /**
     * @param mtu the MTU a block sets for all the gateway's tunnels ({@code wireguard { mtu N }}) and
     *            where it is written; null when none does: each tunnel then gets the MTU of its
     *            underlay family (plan.Underlay)
     */
    public record Gateway(
            Name name,
            String site,
            Endpoint endpoint,
            Ifname uplink,
            List<Ifname> lan,
            Located<Integer> mtu,
            int keepaliveSeconds,
            boolean psk,
            RoutingTimers timers,
            RoutingSuite routing,
            Span routingSpan,
            boolean firewall) {
    }

    public record Router(
            Name name,
            String site,
            Ifname lan,
            List<Ifname> hosts,
            List<Pfx> prefixes6,
            List<Pfx> prefixes4,
            RoutingTimers timers,
            RoutingSuite routing,
            Span routingSpan) {
    }

    /** A validated prefix and where it was written. */
    public record Pfx(IPAddress prefix, Span span) {
        @Override
        public String toString() {
            return prefix.toCanonicalString();
        }
    }

    /** An endpoint: an address (IPv6 or IPv4) or a DNS name. */
    public record Endpoint(String host, IPAddress address, Span span) {
        public boolean isDnsName() {
            return address == null;
        }
    }

    public record Ifname(String name, Span span) {
    }

    public record Located<T>(T value, Span span) {
    }

    /** UDP ports the gateways' tunnels listen on, both ends included ({@code ports 5800..5899}). */
    public record PortRange(int from, int to) {
        public long size() {
            return (long) to - from + 1;
        }
    }

    /** AS numbers given to sites without their own, both ends included. */
    public record AsnRange(long from, long to) {
        public boolean contains(long asn) {
            return asn >= from && asn <= to;
        }
    }
}
