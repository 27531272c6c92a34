package dev.vpnc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProtocolLineTest {
    @Test
    void aBgpSessionIsUpOnlyWhenEstablished() {
        ProtocolLine down = ProtocolLine.parse("bgp_v2_1   BGP        ---        start  10:20:09.043  Active        Error: BFD session down").orElseThrow();
        assertEquals("bgp_v2_1", down.name());
        assertTrue(down.bgp());
        assertEquals("start", down.state());
        assertEquals("10:20:09.043", down.since());
        assertEquals("start  10:20:09.043  Active        Error: BFD session down", down.status());
        assertFalse(down.up());
        assertEquals("bgp_v2_1 start  10:20:09.043  Active        Error: BFD session down", down.described());

        ProtocolLine up = ProtocolLine.parse("ibgp_r1    BGP        ---        up     10:04:34.005  Established   ").orElseThrow();
        assertTrue(up.up());
        assertEquals("up     10:04:34.005  Established", up.status());
    }

    @Test
    void otherProtocolsAreUpWhenTheirStateIs() {
        ProtocolLine ospf = ProtocolLine.parse("ospf_v6    OSPF       master6    up     10:04:33.120  Running").orElseThrow();
        assertTrue(ospf.ospf());
        assertTrue(ospf.up());
        assertFalse(ProtocolLine.parse("ospf_v4    OSPF       master4    start  10:04:33.120  Alone").orElseThrow().up());
    }

    @Test
    void linesThatAreNoProtocolAreNotParsed() {
        assertTrue(ProtocolLine.parse("BIRD 2.0.12 ready.").isEmpty());
        assertTrue(ProtocolLine.parse("").isEmpty());
        assertFalse(ProtocolLine.parse("Name       Proto      Table      State  Since         Info").orElseThrow().bgp());
    }
}
