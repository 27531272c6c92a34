package dev.vpnc.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.emit.Emitter;
import dev.vpnc.emit.ReferencePlanFixture;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.resolve.InsideMode;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The manifest reads back to the summaries it was written from; anything else reads as no manifest. */
class ManifestTest {
    @Test
    void summariesRoundTrip() {
        for (NetworkPlan plan : List.of(ReferencePlanFixture.plan(), ReferencePlanFixture.plan(InsideMode.OSPF, false, false))) {
            SortedMap<String, HostSummary> hosts = HostSummary.of(plan);
            String text = Manifest.render(plan.network(), "0.0-test", Emitter.render(plan), hosts);
            Manifest.Contents back = Manifest.parse(text).orElseThrow();
            assertEquals(hosts, back.hosts());
            assertEquals(Emitter.render(plan).size(), back.files().size());
            assertEquals(text, Manifest.render(plan.network(), "0.0-test", Emitter.render(plan), back.hosts()), "deterministic");
        }
    }

    @Test
    void whatIsNotAManifestOfThisFormatReadsAsNone() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        for (String text : List.of("", "null", "{", "[]", "{\"vpnc_manifest\": 2, \"files\": [], \"hosts\": {}}",
                "{\"vpnc_manifest\": 1}", "{\"vpnc_manifest\": 1, \"files\": [{}], \"hosts\": {}}",
                "{\"vpnc_manifest\": \"x\"}", "{\"vpnc_manifest\": 1, \"files\": [], \"hosts\": {\"h\": {\"role\": 3}}}",
                deep, "{\"a\":" .repeat(50_000))) {
            assertEquals(Optional.empty(), Manifest.parse(text), text.length() > 80 ? text.substring(0, 80) : text);
        }
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Manifest.str("a\"b\\c\n\u0001"));
        assertTrue(Manifest.parse("{\"vpnc_manifest\": 1, \"network\": \"n\", \"files\": [], \"hosts\": {}}").isPresent());
    }
}
