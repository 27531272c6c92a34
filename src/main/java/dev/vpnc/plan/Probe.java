package dev.vpnc.plan;

/**
 * A gateway's health probe, from its site's {@code probe}: the gateway pings {@code address}
 * from its own LAN address {@code source} (in its private namespace, so over the LAN) every
 * {@code intervalSeconds}; after {@code downAfter} unanswered pings in a row it stops announcing
 * its site's prefixes over its tunnels (its sessions stay up), after {@code upAfter} answered
 * ones it announces them again.
 *
 * @param address         the probed address, canonical, e.g. {@code 2001:db8:a1::1}
 * @param ipv6            the family of {@code address} (and of {@code source})
 * @param source          this gateway's LAN address of that family
 * @param intervalSeconds time between two pings, and the time a ping waits for its answer
 */
public record Probe(String address, boolean ipv6, String source, int intervalSeconds, int downAfter, int upAfter) {
}
