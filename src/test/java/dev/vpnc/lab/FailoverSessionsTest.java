package dev.vpnc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnc.emit.ReferencePlanFixture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which sessions a gateway's death and return restart: the rest, if they change, flapped. */
class FailoverSessionsTest {
    @Test
    void aGatewaysOwnSessionsAreItsPeersSessionsWithIt() {
        LabLayout layout = new LabLayout(ReferencePlanFixture.plan());
        LabLayout.Gw v11 = layout.gateway("v1-1");
        Set<String> own = Failover.ownSessions(layout, v11);
        // Over each tunnel to it (both gateways of v2 and of v3), and iBGP on its LAN (its site's
        // other gateway and the router), by the BIRD protocol name each peer gives it.
        assertEquals(List.of("r1 ibgp_v1_1", "v1-2 ibgp_v1_1", "v2-1 bgp_v1_1", "v2-2 bgp_v1_1", "v3-1 bgp_v1_1", "v3-2 bgp_v1_1"),
                List.copyOf(own));
    }
}
