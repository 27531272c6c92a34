package dev.vpnc.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A remote site a gateway routes to, with its declared prefixes: the only routes accepted for it.
 *
 * @param name      site name
 * @param prefixes6 its IPv6 prefixes
 * @param prefixes4 its IPv4 prefixes (empty when IPv4 is not carried)
 */
public record RoutedSite(String name, List<String> prefixes6, List<String> prefixes4) {
    public RoutedSite {
        prefixes6 = List.copyOf(prefixes6);
        prefixes4 = List.copyOf(prefixes4);
    }

    /** The sites at the other end of the tunnels, each once, by name. */
    static List<RoutedSite> ofPeers(List<TunnelEnd> tunnels) {
        Map<String, RoutedSite> sites = new TreeMap<>();
        for (TunnelEnd t : tunnels) {
            sites.putIfAbsent(t.peerSite(), new RoutedSite(t.peerSite(), t.peerPrefixes6(), t.peerPrefixes4()));
        }
        return List.copyOf(sites.values());
    }
}
