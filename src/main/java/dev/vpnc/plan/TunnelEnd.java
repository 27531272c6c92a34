package dev.vpnc.plan;

import java.util.List;

/**
 * One tunnel seen from one of its two gateways. Both ends come from the same allocation, so
 * the port this end connects to is by construction the port the other end listens on.
 *
 * @param ifname          WireGuard interface name on this host
 * @param listenPort      UDP port this end listens on (public namespace)
 * @param peerHost        remote gateway name
 * @param peerSite        remote site name
 * @param peerAsn         remote site's AS number
 * @param peerAddress     where the remote gateway is reached (its endpoint)
 * @param peerPort        the port it listens on for this tunnel
 * @param peerPublicKey   remote gateway's public key (base64)
 * @param presharedKey    whether a preshared key file exists for this tunnel in the secrets folder
 * @param pskFile         name of that file inside the host's secrets folder (e.g. {@code psk/v2-1.psk}, named after the peer)
 * @param local6          this end's IPv6 tunnel address (no length; the link is a /127)
 * @param peer6           remote end's IPv6 tunnel address
 * @param local4          this end's IPv4 tunnel address (/31) or {@code null}
 * @param peer4           remote end's IPv4 tunnel address or {@code null}
 * @param sessionName     BIRD protocol name of the BGP session over this tunnel
 * @param peerPrefixes6   IPv6 prefixes of the remote site (the only ones accepted from it)
 * @param peerPrefixes4   IPv4 prefixes of the remote site
 * @param mtu             interface MTU: the one a block sets for this gateway or the peer (the
 *                        smaller), else the underlay family's ({@link Underlay#defaultMtu()})
 * @param underlay        the family the tunnel's encrypted packets travel over
 * @param keepaliveSeconds WireGuard persistent keepalive, 0 when off
 * @param viaSites        other sites whose routes the peer may announce (it is a hub carrying
 *                        their traffic, or a hub backing another hub up); empty in a mesh
 * @param transitSites    other sites whose routes this end announces to the peer besides its
 *                        own (this end is a hub); empty in a mesh
 * @param keyRotations    which generation of this end's key, the peer's and the preshared key
 *                        the tunnel is written for (vpnc.lock)
 */
public record TunnelEnd(
        String ifname,
        int listenPort,
        String peerHost,
        String peerSite,
        long peerAsn,
        Endpoint peerAddress,
        int peerPort,
        String peerPublicKey,
        boolean presharedKey,
        String pskFile,
        String local6,
        String peer6,
        String local4,
        String peer4,
        String sessionName,
        List<String> peerPrefixes6,
        List<String> peerPrefixes4,
        int mtu,
        Underlay underlay,
        int keepaliveSeconds,
        List<String> viaSites,
        List<String> transitSites,
        KeyRotations keyRotations) {
    public TunnelEnd {
        peerPrefixes6 = List.copyOf(peerPrefixes6);
        peerPrefixes4 = List.copyOf(peerPrefixes4);
        viaSites = List.copyOf(viaSites);
        transitSites = List.copyOf(transitSites);
    }

    /** A tunnel whose keys were never rotated. */
    public TunnelEnd(String ifname, int listenPort, String peerHost, String peerSite, long peerAsn, Endpoint peerAddress,
                     int peerPort, String peerPublicKey, boolean presharedKey, String pskFile, String local6, String peer6, String local4,
                     String peer4, String sessionName, List<String> peerPrefixes6, List<String> peerPrefixes4, int mtu,
                     Underlay underlay, int keepaliveSeconds, List<String> viaSites, List<String> transitSites) {
        this(ifname, listenPort, peerHost, peerSite, peerAsn, peerAddress, peerPort, peerPublicKey, presharedKey, pskFile, local6,
                peer6, local4, peer4, sessionName, peerPrefixes6, peerPrefixes4, mtu, underlay, keepaliveSeconds, viaSites,
                transitSites, KeyRotations.NONE);
    }

    /** A tunnel of a mesh: no transit either way. */
    public TunnelEnd(String ifname, int listenPort, String peerHost, String peerSite, long peerAsn, Endpoint peerAddress,
                     int peerPort, String peerPublicKey, boolean presharedKey, String pskFile, String local6, String peer6, String local4,
                     String peer4, String sessionName, List<String> peerPrefixes6, List<String> peerPrefixes4, int mtu,
                     Underlay underlay, int keepaliveSeconds) {
        this(ifname, listenPort, peerHost, peerSite, peerAsn, peerAddress, peerPort, peerPublicKey, presharedKey, pskFile, local6,
                peer6, local4, peer4, sessionName, peerPrefixes6, peerPrefixes4, mtu, underlay, keepaliveSeconds, List.of(), List.of());
    }

    /** A tunnel's link is the smallest prefix with two addresses, one per end, in each family. */
    public static final int LINK_PREFIX6 = 127;
    public static final int LINK_PREFIX4 = 31;

    /** This end's tunnel addresses with the link's length: IPv6, then IPv4 if the tunnel has it. */
    public List<String> localCidrs() {
        return hasIpv4() ? List.of(local6 + "/" + LINK_PREFIX6, local4 + "/" + LINK_PREFIX4) : List.of(local6 + "/" + LINK_PREFIX6);
    }

    public boolean hasIpv4() {
        return local4 != null;
    }

    /** The peer's endpoint as a WireGuard config writes it: {@code [2001:db8::1]:5801}. */
    public String peerEndpoint() {
        return peerAddress.withPort(peerPort);
    }

    /** True when the peer's endpoint is a DNS name (resolved at run time, not in the config). */
    public boolean peerEndpointIsDnsName() {
        return peerAddress.isDnsName();
    }

    /** The peer's address or DNS name, without brackets or port. */
    public String peerEndpointHost() {
        return peerAddress.host();
    }
}
