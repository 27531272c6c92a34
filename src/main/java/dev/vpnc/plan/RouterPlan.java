package dev.vpnc.plan;

import dev.vpnc.resolve.RoutingSuite;
import dev.vpnc.resolve.InsideMode;
import dev.vpnc.resolve.RoutingTimers;
import java.util.List;

/**
 * An internal router of a site: one namespace (its default one), a LAN interface towards the
 * gateways and host interfaces where the site prefixes live.
 *
 * @param name           host name
 * @param site           site name
 * @param asn            AS number of the site
 * @param routerId       BIRD router id
 * @param lanInterface   interface on the site LAN (faces the gateways)
 * @param hostInterfaces interfaces carrying the site prefixes (announced from BIRD's direct protocol)
 * @param lan            this router's addresses on the site LAN
 * @param inside         how routes are exchanged with the gateways
 * @param timers         routing timers
 * @param prefixes6      IPv6 prefixes this router announces (subset of the site's)
 * @param prefixes4      IPv4 prefixes this router announces
 * @param sitePrefixes6  all IPv6 prefixes of the site
 * @param sitePrefixes4  all IPv4 prefixes of the site
 * @param ipv4           whether IPv4 is carried
 * @param gateways       the site's gateways (iBGP mode: one session each, ECMP across them)
 * @param routing        the routing suite its configs are written for
 */
public record RouterPlan(
        String name,
        String site,
        long asn,
        String routerId,
        String lanInterface,
        List<String> hostInterfaces,
        LanAddress lan,
        InsideMode inside,
        RoutingTimers timers,
        List<String> prefixes6,
        List<String> prefixes4,
        List<String> sitePrefixes6,
        List<String> sitePrefixes4,
        boolean ipv4,
        List<Neighbor> gateways,
        RoutingSuite routing) {
    public RouterPlan {
        hostInterfaces = List.copyOf(hostInterfaces);
        prefixes6 = List.copyOf(prefixes6);
        prefixes4 = List.copyOf(prefixes4);
        sitePrefixes6 = List.copyOf(sitePrefixes6);
        sitePrefixes4 = List.copyOf(sitePrefixes4);
        gateways = List.copyOf(gateways);
    }

    /** A router of the BIRD 2 target (the default). */
    public RouterPlan(String name, String site, long asn, String routerId, String lanInterface,
                      List<String> hostInterfaces, LanAddress lan, InsideMode inside, RoutingTimers timers,
                      List<String> prefixes6, List<String> prefixes4, List<String> sitePrefixes6,
                      List<String> sitePrefixes4, boolean ipv4, List<Neighbor> gateways) {
        this(name, site, asn, routerId, lanInterface, hostInterfaces, lan, inside, timers, prefixes6, prefixes4,
                sitePrefixes6, sitePrefixes4, ipv4, gateways, RoutingSuite.BIRD2);
    }

    /** Whether OSPF runs inside the site (iBGP otherwise). */
    public boolean insideOspf() {
        return inside == InsideMode.OSPF;
    }
}
