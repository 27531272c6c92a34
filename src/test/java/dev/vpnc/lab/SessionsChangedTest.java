package dev.vpnc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session flapped when its "since" stamp moved; BIRD's millisecond jitter between looks is not a flap. */
class SessionsChangedTest {
    @Test
    void stampsWithin50msAreTheSameState() {
        Map<String, String> before = Map.of(
                "v1-1 bgp_v2_1", "05:12:04.530",
                "v1-1 bgp_v3_1", "05:12:04.530",
                "v2-1 bgp_v1_1", "05:11:00.000",
                "v2-1 bgp_v3_1", "2026-12-06",
                "v3-1 bgp_v1_1", "05:11:00.000");
        Map<String, String> after = Map.of(
                "v1-1 bgp_v2_1", "05:12:04.531",   // jitter
                "v1-1 bgp_v3_1", "05:12:04.700",   // went down and up
                "v2-1 bgp_v1_1", "05:11:00.000",
                "v2-1 bgp_v3_1", "2026-12-07");    // another format, compared as text
        assertEquals(List.of("v1-1 bgp_v3_1", "v2-1 bgp_v3_1", "v3-1 bgp_v1_1"), Sessions.changed(before, after));
    }
}
