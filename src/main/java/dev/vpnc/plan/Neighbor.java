package dev.vpnc.plan;

/**
 * Another host of the same site seen from this host's LAN (for iBGP inside the site).
 *
 * @param host        host name
 * @param sessionName BIRD protocol name of the session towards it
 * @param lan         its LAN addresses
 * @param gateway     true when the neighbor is a gateway (false: an internal router)
 */
public record Neighbor(String host, String sessionName, LanAddress lan, boolean gateway) {
}
