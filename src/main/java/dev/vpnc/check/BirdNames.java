package dev.vpnc.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How site and host names become BIRD symbols. The emitter names its sets, filters and sessions
 * with these functions, and {@link NameMappings} checks the same results before anything is
 * emitted: two names that map to one symbol, a symbol BIRD reserves or one too long for it are
 * diagnostics, never a config BIRD rejects or an internal error.
 */
public final class BirdNames {
    /**
     * The longest symbol BIRD accepts: {@code SYM_MAX_LEN} in conf/conf.h, 64 in both BIRD 1.6.8
     * and 2.x; a longer one fails with "Symbol too long".
     */
    public static final int MAX_SYMBOL = 64;

    /** Prefix of a BGP session over a tunnel, followed by the peer gateway's name. */
    public static final String TUNNEL_SESSION = "bgp_";
    /** Prefix of an iBGP session over a site's LAN, followed by the neighbor's name. */
    public static final String LAN_SESSION = "ibgp_";

    /** Filters of a gateway that stand where a site's symbol goes: {@code to_tunnels_v6}, {@code from_inside_v6}. */
    public static final String TUNNELS = "tunnels";
    public static final String INSIDE = "inside";
    public static final String ROUTERS = "routers";
    public static final String GATEWAYS = "gateways";
    /** A site whose symbol is one of these would name a filter vpnc already uses ({@code from_routers_v6}). */
    public static final Set<String> FIXED_FILTER_SUBJECTS = Set.of(TUNNELS, INSIDE, ROUTERS, GATEWAYS);

    /**
     * BIRD keywords of the form {@code bgp_WORD}, which a session {@code bgp_HOST} could spell:
     * the BGP attributes of BIRD 1.6.8 and 2.x (CF_KEYWORDS of proto/bgp/config.Y, up to 2.17).
     * Keywords are matched case-sensitively, as BIRD does. No keyword starts with {@code ibgp_},
     * {@code from_}, {@code to_} or {@code SITE_}, the other prefixes of derived symbols.
     */
    public static final Set<String> KEYWORDS = Set.of(
            "bgp_aggregator", "bgp_aigp", "bgp_atomic_aggr", "bgp_cluster_list", "bgp_community",
            "bgp_ext_community", "bgp_large_community", "bgp_local_pref", "bgp_med", "bgp_next_hop",
            "bgp_origin", "bgp_originator_id", "bgp_otc", "bgp_path");

    private BirdNames() {
    }

    /**
     * A site's part of a symbol: lower case, every character but letters, digits and {@code _}
     * turned into {@code _}, not starting with a digit. Case and {@code -} are lost, so sites
     * {@code Paris} and {@code paris}, or {@code x-1} and {@code x_1}, map to one symbol.
     */
    public static String site(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return Character.isDigit(s.charAt(0)) ? "s" + s : s;
    }

    /** The prefix set of a site's prefixes of one family: {@code SITE_PARIS_V6}. */
    public static String siteSet(String site, boolean ipv6) {
        return "SITE_" + site(site).toUpperCase(Locale.ROOT) + (ipv6 ? "_V6" : "_V4");
    }

    /** A filter of what comes from {@code subject}: a site's symbol or one of the fixed subjects. */
    public static String from(String subject, boolean ipv6) {
        return "from_" + subject + (ipv6 ? "_v6" : "_v4");
    }

    /** A filter of what goes to {@code subject}: a site's symbol or one of the fixed subjects. */
    public static String to(String subject, boolean ipv6) {
        return "to_" + subject + (ipv6 ? "_v6" : "_v4");
    }

    /** Every symbol derived from a site's name, in both families. */
    public static List<String> siteSymbols(String site) {
        String s = site(site);
        return List.of(siteSet(site, true), siteSet(site, false), from(s, true), from(s, false), to(s, true), to(s, false));
    }

    /**
     * A BGP session's name: the prefix, then the host's name with every character but letters,
     * digits and {@code _} turned into {@code _} (case kept: BIRD symbols are case-sensitive).
     */
    public static String session(String prefix, String host) {
        return prefix + host.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    /**
     * The IPv4 session towards a BIRD 1.6 host, which carries one family per session:
     * {@code bgp4_...}/{@code ibgp4_...}, a prefix no host name can produce.
     */
    public static String ipv4Session(String session) {
        return session.replaceFirst("^(i?bgp)_", "$14_");
    }

    /** Every session name a host's name can give, on its peers and neighbors. */
    public static List<String> hostSymbols(String host) {
        String tunnel = session(TUNNEL_SESSION, host);
        String lan = session(LAN_SESSION, host);
        return List.of(tunnel, ipv4Session(tunnel), lan, ipv4Session(lan));
    }
}
