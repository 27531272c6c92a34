package dev.vpnc.resolve;

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

    /**
     * BGP's wait after a session failed, before it may come back: 1 s, doubled for each failure
     * less than {@link #errorForgetSeconds()} after the previous one, up to this maximum. BIRD's
     * defaults (60 s, up to 300 s) would refuse a returning gateway for a minute.
     */
    public int errorWaitMinSeconds() {
        return 1;
    }

    /** The longest wait of a session that keeps failing (see {@link #errorWaitMinSeconds()}). */
    public int errorWaitMaxSeconds() {
        return 16;
    }

    /**
     * Failures further apart than this are not a sequence: the wait is back to its minimum.
     * Longer than the longest wait plus a reconnection (16 + 1 s), so that a session failing
     * within 3 s of coming back stays damped at 16 s (about 3 flaps a minute); one that stays up
     * longer is forgiven after a few doublings (at worst 5 flaps in 51 s, up 3 s each time).
     * Short enough that a gateway that had been up 20 s is taken back at once: BIRD's default,
     * 300 s, and vpnc's 40 s before, delayed the return of a gateway killed every half minute by
     * up to 16 s (lab, four-sites, 10 rounds: back in 5.8 s median, 15.5 s worst).
     */
    public int errorForgetSeconds() {
        return 20;
    }
}
