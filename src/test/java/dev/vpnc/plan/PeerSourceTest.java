package dev.vpnc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which peers' source address the firewall can pin, and why not the others'. */
class PeerSourceTest {
    private static final Endpoint V6 = new Endpoint("2001:db8:1::1", Endpoint.Kind.IPV6);
    private static final Endpoint V6_PEER = new Endpoint("2001:db8:2::1", Endpoint.Kind.IPV6);
    private static final Endpoint V4_PEER = new Endpoint("192.0.2.2", Endpoint.Kind.IPV4);
    private static final Endpoint DNS = new Endpoint("vpn.example.net", Endpoint.Kind.DNS);

    @Test
    void aPeerOfTheSameFamilySendsFromItsEndpoint() {
        PeerSource s = PeerSource.of(V6, V6_PEER);
        assertTrue(s.known());
        assertEquals(V6_PEER, s.address());
    }

    @Test
    void otherwiseTheSourceIsUnknownAndSaysWhy() {
        assertEquals(PeerSource.Unknown.OTHER_FAMILY, PeerSource.of(V6, V4_PEER).unknown());
        assertEquals(PeerSource.Unknown.PEER_DNS_NAME, PeerSource.of(V6, DNS).unknown());
        assertEquals(PeerSource.Unknown.OWN_DNS_NAME, PeerSource.of(DNS, V6_PEER).unknown());
        // Both names: the peer's name is the first reason (it is resolved on its side).
        assertEquals(PeerSource.Unknown.PEER_DNS_NAME, PeerSource.of(DNS, DNS).unknown());
        assertFalse(PeerSource.of(V6, V4_PEER).known());
    }
}
