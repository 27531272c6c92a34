package dev.vpnc.plan;

/**
 * The address a peer's encrypted packets come from, as far as the bundle can know it: a peer sends
 * to this gateway's endpoint, so from its own address of that endpoint's family, which its
 * declared endpoint is only when both are addresses of one family. The firewall opens a listen
 * port to that address alone, or to all when it is unknown.
 *
 * @param address the peer's source address, or null when it is unknown
 * @param unknown why it is unknown, or null when it is known
 */
public record PeerSource(Endpoint address, Unknown unknown) {
    /** Why a peer's source address is not known when the bundle is made. */
    public enum Unknown {
        /** The peer's endpoint is a DNS name, resolved when its own up.sh runs. */
        PEER_DNS_NAME,
        /** This gateway's endpoint is a DNS name: the peer sends over the family it resolves to. */
        OWN_DNS_NAME,
        /** The peer sends over this gateway's endpoint's family, from an address its declared endpoint (of the other family) does not give. */
        OTHER_FAMILY
    }

    /** Where {@code peer} sends from to reach a gateway whose endpoint is {@code self}. */
    public static PeerSource of(Endpoint self, Endpoint peer) {
        if (peer.isDnsName()) {
            return new PeerSource(null, Unknown.PEER_DNS_NAME);
        }
        if (self.isDnsName()) {
            return new PeerSource(null, Unknown.OWN_DNS_NAME);
        }
        if (self.kind() != peer.kind()) {
            return new PeerSource(null, Unknown.OTHER_FAMILY);
        }
        return new PeerSource(peer, null);
    }

    public boolean known() {
        return address != null;
    }
}
