package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnc.emit.BirdView.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A filter naming the union of the remote sites accepts what it accepted when it listed them. */
class FilterUnionTest {
    private static final List<String> REMOTE = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I");

    @Test
    void everyRemoteSiteBecomesTheUnion() {
        Filter f = Filter.of("to_inside_v6", "ipv6", "", null, List.of("OWN", "A", "B", "C", "D", "E", "F", "G", "H", "I"))
                .unite(REMOTE, "U");
        assertEquals(List.of("OWN", "U"), f.sets());
        assertEquals(List.of(), f.except());
        assertEquals("net ~ OWN || net ~ U", f.match());
    }

    @Test
    void allButOneBecomesTheUnionWithoutIt() {
        Filter f = Filter.of("to_c_v6", "ipv6", "", "RTS_BGP", List.of("OWN", "A", "B", "D", "E", "F", "G", "H", "I"))
                .unite(REMOTE, "U");
        assertEquals(List.of("OWN", "U"), f.sets());
        assertEquals(List.of("C"), f.except());
        assertEquals("source = RTS_BGP && ((net ~ OWN || net ~ U) && net !~ C)", f.match());
    }

    @Test
    void aFewSitesStayListed() {
        Filter f = Filter.of("from_a_v6", "ipv6", "", null, List.of("A")).unite(REMOTE, "U");
        assertEquals(List.of("A"), f.sets());
        assertEquals("net ~ A", f.match());
        Filter half = Filter.of("x", "ipv6", "", null, List.of("A", "B", "C", "D")).unite(REMOTE, "U");
        assertEquals(List.of("A", "B", "C", "D"), half.sets(), "five left out: listing is shorter than excluding");
    }

    @Test
    void rankedRulesAreUnitedOneByOne() {
        // A spoke's filter for its hub A with one AS: A's own prefixes first, the sites A carries lower.
        Filter f = Filter.ranked("from_a_v6", "ipv6", "", List.of("A"), List.of("B", "C", "D", "E", "F", "G", "H", "I"), 70)
                .unite(REMOTE, "U");
        assertEquals(List.of("U"), f.sets());
        assertEquals("net ~ A", f.rules().get(0).match());
        assertEquals("net ~ U && net !~ A", f.rules().get(1).match());
        assertEquals(70, f.rules().get(1).localPref());
    }
}
