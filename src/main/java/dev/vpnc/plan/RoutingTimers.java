package dev.vpnc.plan;

/**
 * Effective routing timers of one host.
 *
 * @param bgpHoldSeconds     BGP hold time
 * @param bgpKeepaliveSeconds BGP keepalive time
 * @param bgpPreference      BIRD preference of BGP routes (must outrank OSPF's 150)
 * @param bfd                whether BFD runs on every session
 * @param bfdIntervalMillis  BFD min rx/tx interval
 * @param bfdMultiplier      BFD detect multiplier
 * @param ospfHelloSeconds   OSPF hello interval (inside mode OSPF)
 * @param ospfDeadSeconds    OSPF dead interval
 * @param ospfCost           OSPF interface cost on the LAN
 */
public record RoutingTimers(
        int bgpHoldSeconds,
        int bgpKeepaliveSeconds,
        int bgpPreference,
        boolean bfd,
        int bfdIntervalMillis,
        int bfdMultiplier,
        int ospfHelloSeconds,
        int ospfDeadSeconds,
        int ospfCost) {
    /**
     * How long OSPF waits before it elects a designated router on the LAN: one hello interval,
     * by when every router on the LAN has sent its first hello, instead of the default four (40 s
     * without an OSPF route on a site that starts cold). BIRD takes no less than 2 s.
     */
    public int ospfWaitSeconds() {
        return Math.max(2, ospfHelloSeconds);
    }
}
