package dev.vpnc.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.emit.ReferencePlanFixture;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How check 4 judges a gateway's rounds: a round measured again because the machine paused. */
class FailoverRowTest {
    private final LabLayout layout = new LabLayout(ReferencePlanFixture.plan());
    private final LabLayout.Gw v11 = layout.gateway("v1-1");
    private final LabChecks.Options options = new LabChecks.Options(null, null, null, 2, 0, Set.of());

    private static Failover.Figures round(double cut, int lost, List<StallWatch.Stall> pauses) {
        return new Failover.Figures("v1-1", cut, "10.0.1.1 -> 10.0.2.1", 4, 16, 1.5, 0.8, lost, List.of(), false,
                lost == 0 ? List.of() : List.of("10.0.1.1 -> 10.0.2.1: " + lost + " lost"), 1796563410.0, List.of(),
                Failover.Awaited.NOTHING, pauses);
    }

    @Test
    void aRoundWithinTheTargetsPasses() {
        Failover.Figures ok = round(0.30, 0, List.of());
        assertFalse(FailoverRow.missed(v11, ok, options));
        assertTrue(FailoverRow.of(v11, List.of(ok, ok), Map.of(), options).ok());
    }

    @Test
    void aSlowCutOrALossyReturnFails() {
        assertTrue(FailoverRow.missed(v11, round(0.45, 0, List.of()), options));
        assertTrue(FailoverRow.missed(v11, round(0.30, 12, List.of()), options));
        assertFalse(FailoverRow.of(v11, List.of(round(0.30, 0, List.of()), round(0.45, 0, List.of())), Map.of(), options).ok());
    }

    /** The replaced round is shown, not judged; the round that replaced it is judged as any other. */
    @Test
    void aRoundMeasuredAgainShowsTheFirstMeasureAndIsJudgedOnTheSecond() {
        StallWatch.Stall pause = new StallWatch.Stall(1796563411.0, 0.10);
        Failover.Figures paused = round(1.70, 514, List.of(pause));
        assertTrue(FailoverRow.missed(v11, paused, options));
        Failover.Figures again = round(0.30, 0, List.of());
        Map<Failover.Figures, Failover.Figures> disturbed = new IdentityHashMap<>();
        disturbed.put(again, paused);
        LabChecks.Row row = FailoverRow.of(v11, List.of(round(0.31, 0, List.of()), again), disturbed, options);
        assertTrue(row.ok(), row.toString());
        assertTrue(row.details().stream().anyMatch(d -> d.startsWith("round 2: measured again: the first time, the machine paused (0.10 s at ")
                && d.contains("interruption 1.700 s over the target 0.35 s") && d.contains("514 echoes lost")), row.details().toString());
        // Paused again the second time, and missed: judged.
        Failover.Figures pausedAgain = round(0.60, 0, List.of(pause));
        disturbed.put(pausedAgain, paused);
        assertFalse(FailoverRow.of(v11, List.of(round(0.31, 0, List.of()), pausedAgain), disturbed, options).ok());
    }
}
