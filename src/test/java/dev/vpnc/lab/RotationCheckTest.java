package dev.vpnc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The parts of check 9 that read what reload.sh and the compiler said, without a lab. */
class RotationCheckTest {
    @Test
    void readsTheSessionsAReloadDrained() {
        String err = "reload.sh: keys change for bgp_v2_1 bgp_v3_2: draining them before the switch\nother line\n";
        assertEquals(List.of("bgp_v2_1", "bgp_v3_2"), RotationCheck.drained(err));
        assertEquals(List.of(), RotationCheck.drained("reload.sh: removing tunnel wg-x\n"));
    }

    @Test
    void reloadsTheRotatedGatewayFirstThenTheHostsWhoseBundleChanged() {
        var before = new TreeMap<String, String>();
        before.put("a/wireguard/wg-b.conf", "key A0");
        before.put("b/wireguard/wg-a.conf", "key A0");
        before.put("c/up.sh", "same");
        before.put("ab/up.sh", "a host whose name starts like another's");
        var after = new TreeMap<>(before);
        after.put("b/wireguard/wg-a.conf", "key A1");
        after.put("ab/up.sh", "changed");
        // a's own bundle did not change (its key is a secret): it still goes first.
        assertEquals(List.of("a", "ab", "b"), RotationWorkspace.changedHosts(before, after, List.of("a", "ab", "b", "c"), "a"));
    }
}
