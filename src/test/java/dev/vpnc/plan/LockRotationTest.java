package dev.vpnc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rotation entries of vpnc.lock: read, written back sorted, and refused when malformed (E0312). */
class LockRotationTest {
    private static Lock parse(String text, Diagnostics d) {
        return Lock.parse(SourceFile.opaque("vpnc.lock", text), d);
    }

    @Test
    void rotationEntriesRoundTripSorted() {
        Diagnostics d = new Diagnostics();
        Lock lock = parse("""
                version 1
                psk a-1 b-1 pending
                key b-1 rotation 3
                key a-2 pending
                psk a-1 b-1 rotation 2
                key a-1 rotation 1
                """, d);
        assertFalse(d.hasErrors(), d.sorted().toString());
        assertEquals(1, lock.keyRotation("a-1"));
        assertEquals(0, lock.keyRotation("a-2"));
        assertEquals(2, lock.pskRotation(new GatewayPair("a-1", "b-1")));
        assertEquals(List.of(Rotated.key("a-2"), Rotated.psk(new GatewayPair("a-1", "b-1"))), lock.pending());
        String entries = lock.render().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("""
                version 1
                key a-1 rotation 1
                key a-2 pending
                key b-1 rotation 3
                psk a-1 b-1 rotation 2
                psk a-1 b-1 pending
                """, entries);
        assertTrue(lock.render().contains("#   key HOST rotation N "), "the header documents the entries");
    }

    @Test
    void rotatedCountsOneMoreAndNoLongerWaits() {
        Lock lock = parse("version 1\nkey a-1 pending\n", new Diagnostics());
        lock.rotated(Rotated.key("a-1"));
        lock.rotated(Rotated.key("a-1"));
        assertEquals(2, lock.keyRotation("a-1"));
        assertFalse(lock.rotationPending());
    }

    @Test
    void malformedRotationEntriesAreE0312() {
        for (String bad : List.of("key a-1 rotation", "key a-1 rotation 0", "key a-1 rotation x", "key a-1 waiting",
                "psk b-1 a-1 rotation 1", "psk a-1 b-1 rotation -2", "psk a-1 pending")) {
            Diagnostics d = new Diagnostics();
            parse("version 1\n" + bad + "\n", d);
            List<Diagnostic> all = d.sorted();
            assertEquals(1, all.size(), bad);
            assertEquals(Code.E0312, all.get(0).code(), bad);
        }
    }
}
