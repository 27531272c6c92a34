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
}
