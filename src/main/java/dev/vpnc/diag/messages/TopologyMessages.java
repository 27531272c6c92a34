package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Fix;
import dev.vpnc.source.Span;
import java.util.List;

/**
 * The texts of the diagnostics about the network's shape (E0301-E0311, W0315-W0320): prefixes,
 * sites and their hosts, missing settings, pools, the mesh. The lock file's are in
 * {@link LockMessages}, the key file's (E0313) in {@link StoreMessages}.
 */
public final class TopologyMessages {
    private TopologyMessages() {
    }

    // ---- E0301: address space with two owners ----

    /** {@code owner}: one of the owners below; {@code sameSite}: both prefixes belong to one site. */
    public static Diagnostic.Builder prefixDeclaredTwice(Span at, String prefix, String owner, Span firstAt, String firstOwner,
                                                         boolean sameSite) {
        return overlap(at, "`" + prefix + "` is declared twice", owner, firstAt, firstOwner, sameSite);
    }

    /** {@code owner}: one of the owners below; {@code sameSite}: both prefixes belong to one site. */
    public static Diagnostic.Builder prefixesOverlap(Span at, String prefix, String owner, Span firstAt, String firstPrefix,
                                                     String firstOwner, boolean sameSite) {
        return overlap(at, "`" + prefix + "` overlaps `" + firstPrefix + "`", owner, firstAt, firstOwner, sameSite);
    }

    private static Diagnostic.Builder overlap(Span at, String message, String owner, Span firstAt, String firstOwner,
                                              boolean sameSite) {
        return Diagnostic.of(Code.E0301, at, message)
                .label("owned by " + owner)
                .also(firstAt, "owned by " + firstOwner)
                .help(sameSite ? "a site's prefixes must not overlap each other; a LAN subnet may only lie inside one of them"
                        : "each prefix may belong to one site only; routers would not know where to send it");
    }

    /** Who owns a prefix, as E0301 names it: a tunnel pool. */
    public static String tunnelPoolOwner(boolean ipv6) {
        return ipv6 ? "the IPv6 tunnel pool" : "the IPv4 tunnel pool";
    }

    /** Who owns a prefix: a site, by its {@code prefixes}. */
    public static String siteOwner(String site) {
        return "site `" + site + "`";
    }

    /** Who owns a prefix: a site, by its LAN {@code subnet}. */
    public static String siteSubnetOwner(String site) {
        return siteOwner(site) + " (LAN subnet)";
    }

    // ---- sites, gateways, routers ----

    public static Diagnostic.Builder siteWithOneGateway(Span at, String site, Span gateway) {
        return Diagnostic.of(Code.W0302, at, "site `" + site + "` has one gateway")
                .label("not redundant")
                .also(gateway, "its only gateway: when it fails, the site is cut off")
                .help("add a second gateway to the site");
    }

    public static Diagnostic.Builder ipv4WithoutTunnelPool(Span at, String site, Span network) {
        return Diagnostic.of(Code.E0303, at, "site `" + site + "` has IPv4 prefixes but the network has no IPv4 tunnel pool")
                .label("IPv4 prefix")
                .also(network, "no `tunnels ipv4` in this network");
    }

    /** {@code ipv6}: the endpoint's family; {@code underlayIpv6}: the underlay carries IPv6. */
    public static Diagnostic.Builder endpointOutsideUnderlay(Span at, String gateway, boolean ipv6, boolean underlayIpv6,
                                                             Span network, String networkName) {
        return Diagnostic.of(Code.E0304, at, "endpoint of `" + gateway + "` is " + (ipv6 ? "IPv6" : "IPv4")
                        + " but the underlay carries only " + (underlayIpv6 ? "IPv6" : "IPv4"))
                .label("not reachable over the underlay")
                .also(network, "network `" + networkName + "`")
                .help("add `underlay ipv6, ipv4` to the network, or use an endpoint of the underlay's family");
    }

    public static Diagnostic.Builder siteWithoutGateway(Span at, String site) {
        return Diagnostic.of(Code.E0308, at, "site `" + site + "` has no gateway").label("no gateway");
    }

    public static Diagnostic.Builder asnUsedTwice(Span at, long asn, String site, Span firstAt, String firstSite) {
        return Diagnostic.of(Code.E0309, at, "AS " + asn + " is used by two sites")
                .label("site `" + site + "`")
                .also(firstAt, "site `" + firstSite + "`");
    }

    /** Both sites take the AS number from one setting (a profile, the network), at {@code setting}. */
    public static Diagnostic.Builder asnSharedBySites(Span at, long asn, String site, Span firstAt, String firstSite,
                                                     Span setting) {
        return Diagnostic.of(Code.E0309, at, "AS " + asn + " is used by two sites")
                .label("site `" + site + "` takes it from a shared setting")
                .also(firstAt, "site `" + firstSite + "`")
                .also(setting, "both take it from here");
    }

    public static Diagnostic.Builder prefixOutsideSite(Span at, String prefix, String site, Span siteAt) {
        return Diagnostic.of(Code.E0311, at, "`" + prefix + "` is not a prefix of site `" + site + "`")
                .label("outside the site's prefixes")
                .also(siteAt, "site `" + site + "`");
    }

    // ---- E0305: missing settings ----

    public static Diagnostic.Builder missingEndpoint(Span at, String gateway) {
        return missingSetting(at, gateway, "endpoint",
                "add `endpoint ADDRESS` to the gateway: its public IPv6 or IPv4 address, or a DNS name");
    }

    public static Diagnostic.Builder missingPorts(Span at, String owner) {
        return missingSetting(at, owner, "ports",
                "add `ports 51820..51999` to its block, to a profile it uses, or to an enclosing block");
    }

    /** A prefix setting, such as {@code tunnels ipv6}, of family {@code ipv6} or not. */
    public static Diagnostic.Builder missingPrefix(Span at, String owner, String setting, boolean ipv6) {
        return missingSetting(at, owner, setting, "add `" + setting + (ipv6 ? " 2001:db8:ff::/64" : " 169.254.1.0/24")
                + "` to its block, to a profile it uses, or to an enclosing block");
    }

    private static Diagnostic.Builder missingSetting(Span at, String owner, String setting, String help) {
        return Diagnostic.of(Code.E0305, at, "`" + owner + "` has no `" + setting + "`")
                .label("needs `" + setting + "`")
                .help(help);
    }

    public static Diagnostic.Builder siteWithoutSubnet(Span at, String site) {
        return Diagnostic.of(Code.E0305, at, "site `" + site + "` has no IPv6 `subnet`")
                .label("needs `subnet`")
                .help("add the LAN that joins its gateways and routers, e.g. `subnet 2001:db8:f1::/64, 10.1.1.0/28`");
    }

    public static Diagnostic.Builder siteWithoutIpv4Subnet(Span at, String site) {
        return Diagnostic.of(Code.E0305, at, "site `" + site + "` carries IPv4 but has no IPv4 `subnet`")
                .label("needs an IPv4 `subnet`")
                .help("add an IPv4 LAN subnet, e.g. `subnet 2001:db8:f1::/64, 10.1.1.0/28`");
    }

    public static Diagnostic.Builder siteWithoutPrefixes(Span at, String site) {
        return Diagnostic.of(Code.E0305, at, "site `" + site + "` has no `prefixes`")
                .label("announces nothing")
                .help("add the prefixes the site owns, e.g. `prefixes 2001:db8:a1::/64`");
    }

    /** A site without {@code asn} when the network has no AS range to give it one. */
    public static Diagnostic.Builder siteWithoutAsn(Span at, String site) {
        return Diagnostic.of(Code.E0305, at, "site `" + site + "` has no `asn` and the network has no AS range")
                .label("needs `asn`")
                .help("add `asn 65001` to the site");
    }

    public static Diagnostic.Builder gatewayWithoutUplink(Span at, String gateway) {
        return Diagnostic.of(Code.E0305, at, "gateway `" + gateway + "` has no `uplink`")
                .label("needs `uplink`")
                .help("add `uplink eth0` to the gateway, a profile it uses, or its site");
    }

    public static Diagnostic.Builder gatewayWithoutLan(Span at, String gateway) {
        return Diagnostic.of(Code.E0305, at, "gateway `" + gateway + "` has no `lan`")
                .label("needs `lan`")
                .help("add `lan eth1` to the gateway, a profile it uses, or its site");
    }

    public static Diagnostic.Builder routerWithoutLan(Span at, String router) {
        return Diagnostic.of(Code.E0305, at, "router `" + router + "` has no `lan`")
                .label("needs `lan`")
                .help("add `lan eth0`: the interface facing the site's gateways");
    }

    // ---- E0306, E0307: pools ----

    /** {@code busiest}: the gateway with the most tunnels, {@code needed} of them. */
    public static Diagnostic.Builder portRangeTooNarrow(Span at, int from, int to, long size, String busiest, long needed) {
        return Diagnostic.of(Code.E0306, at, "port range " + from + ".." + to + " has " + plural(size, "port")
                        + " but `" + busiest + "` needs " + needed + ", one per tunnel")
                .label("too narrow")
                .help("widen the network's `ports` range to at least " + plural(needed, "port"));
    }

    public static Diagnostic.Builder asnRangeExhausted(Span at, String site) {
        return Diagnostic.of(Code.E0307, at, "the AS range has no number left for site `" + site + "`")
                .label("exhausted")
                .help("widen the network's `asn` range");
    }

    public static Diagnostic.Builder lanSubnetExhausted(Span at, String subnet, String host) {
        return Diagnostic.of(Code.E0307, at, "LAN subnet `" + subnet + "` has no address left for `" + host + "`")
                .label("exhausted")
                .help("use a larger subnet: it holds one address per gateway and router of the site");
    }

    /** {@code capacity}: how many tunnels the pool holds. */
    public static Diagnostic.Builder tunnelPoolExhausted(Span at, String pool, int tunnels, long capacity) {
        return Diagnostic.of(Code.E0307, at, "tunnel pool `" + pool + "` is exhausted: " + tunnels + " tunnels need "
                        + tunnels + " links, it holds " + capacity)
                .label("too small for " + tunnels + " tunnels")
                .help("use a larger prefix (a /127 or /31 per tunnel)");
    }

    // ---- the mesh ----

    public static Diagnostic.Builder siteLinkedToItself(Span at, String site) {
        return sameSiteLink(at, "site `" + site + "` is linked to itself");
    }

    /** A link between two gateways of one site, or a site and one of its gateways. */
    public static Diagnostic.Builder linkWithinSite(Span at, String site) {
        return sameSiteLink(at, "both ends of this link are in site `" + site + "`");
    }

    private static Diagnostic.Builder sameSiteLink(Span at, String message) {
        return Diagnostic.of(Code.E0310, at, message)
                .label("both ends are the same site")
                .help("gateways of one site talk over their LAN; link two different sites");
    }

    public static Diagnostic.Builder hubNamedTwice(Span at, String site) {
        return Diagnostic.of(Code.E0310, at, "site `" + site + "` is named twice as a hub")
                .label("already a hub")
                .help("name each hub site once");
    }

    public static Diagnostic.Builder sitesNotLinked(Span at, String a, String b) {
        return Diagnostic.of(Code.W0315, at, "sites `" + a + "` and `" + b + "` are not linked: they cannot reach each other")
                .label("mesh without `" + a + " <-> " + b + "`")
                .help("add `" + a + " <-> " + b + "` to the mesh: sites do not carry each other's traffic");
    }

    /** The unlinked pairs past those named one by one. */
    public static Diagnostic.Builder moreSitesNotLinked(Span at, long pairs) {
        return Diagnostic.of(Code.W0315, at, pairs + " more site pairs are not linked")
                .label("mesh without them")
                .help("list the links the sites need, or remove `mesh` for a full mesh");
    }

    public static Diagnostic.Builder tooManyTunnelsInFullMesh(Span at, long tunnels, long max, int sites) {
        return tooManyTunnels(at, tunnels, max, "a full mesh of " + plural(sites, "site"));
    }

    public static Diagnostic.Builder tooManyTunnelsWithHubs(Span at, long tunnels, long max) {
        return tooManyTunnels(at, tunnels, max, "hub-and-spoke");
    }

    public static Diagnostic.Builder tooManyTunnelsOverLinks(Span at, long tunnels, long max) {
        return tooManyTunnels(at, tunnels, max, "these links");
    }

    private static Diagnostic.Builder tooManyTunnels(Span at, long tunnels, long max, String label) {
        return Diagnostic.of(Code.E0319, at, "the network needs " + tunnels + " tunnels; vpnc builds at most " + max)
                .label(label)
                .help("a full mesh grows as the square of the gateways: link only the sites that talk to each other with `mesh`");
    }

    /** {@code pairs}: site pairs as {@link #sitePair} words them; {@code more}: how many are not named. */
    public static Diagnostic.Builder gatewayJoinsSites(Span at, String gateway, List<String> pairs, int more) {
        return Diagnostic.of(Code.W0320, at, "if gateway `" + gateway + "` fails, sites " + String.join(", ", pairs)
                        + (more > 0 ? " (and " + more + " more site pairs)" : "") + " are cut apart")
                .label("every tunnel between them ends here")
                .help("link the sites through another gateway too: name the site rather than one gateway in `mesh`");
    }

    /** Two sites, as W0320 lists them. */
    public static String sitePair(String a, String b) {
        return "`" + a + "` and `" + b + "`";
    }

    // ---- what is declared for nothing, and the MTU ----

    /** {@code removal}: what deletes the declaration, its comments and a blank line (syntax.Removal), as the fix. */
    public static Diagnostic.Builder unusedProfile(Span at, String profile, Span removal) {
        return Diagnostic.of(Code.W0316, at, "profile `" + profile + "` is never used")
                .label("not used by the network, a site or a host")
                .fix(Fix.delete("Remove unused profile `" + profile + "`", removal));
    }

    /**
     * {@code declared}: the names the imported file declares; {@code removal}: what deletes the
     * import's line (syntax.Removal), as the fix.
     */
    public static Diagnostic.Builder unusedImport(Span at, List<String> declared, Span removal) {
        return Diagnostic.of(Code.W0317, at, "nothing this import declares is used")
                .label("unused import")
                .help(declared.isEmpty() ? "remove the import: the file declares nothing"
                        : "remove the import, or use one of its profiles: " + String.join(", ",
                        declared.stream().map(d -> "`" + d + "`").toList()))
                .fix(Fix.delete("Remove unused import", removal));
    }

    /** {@code overhead}: WireGuard's bytes over the underlay, IPv4 ({@code ipv4}) or IPv6. */
    public static Diagnostic.Builder mtuTooLarge(Span at, int mtu, int overhead, boolean ipv4) {
        return Diagnostic.of(Code.W0318, at, "tunnel MTU " + mtu + " does not fit a 1500-byte underlay")
                .label(mtu + " + " + overhead + " bytes of WireGuard over " + (ipv4 ? "IPv4" : "IPv6") + " = " + (mtu + overhead))
                .help("use `wireguard { mtu " + (1500 - overhead) + " }` or less, unless the underlay carries jumbo frames;"
                        + " too large a tunnel MTU fragments or drops full-size packets");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
