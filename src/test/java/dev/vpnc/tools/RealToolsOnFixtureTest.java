package dev.vpnc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnc.emit.Bundles;
import dev.vpnc.emit.Emitter;
import dev.vpnc.emit.ReferencePlanFixture;
import dev.vpnc.resolve.InsideMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real tools accept every file rendered from the reference fixture, in each variant. */
class RealToolsOnFixtureTest {
    @TempDir
    Path out;

    @ParameterizedTest(name = "inside={0} bfd={1} ipv4={2}")
    @CsvSource({"BGP,true,true", "OSPF,true,true", "BGP,false,true", "OSPF,false,false", "BGP,true,false"})
    void realToolsAcceptTheRenderedBundles(InsideMode inside, boolean bfd, boolean ipv4) {
        RealTools.requireTools(RealTools.ALL_TOOLS);
        Bundles.write(Emitter.render(ReferencePlanFixture.plan(inside, bfd, ipv4)), out);
        List<RealTools.Failure> failures = RealTools.checkTree(out);
        assertEquals(List.of(), failures, () -> String.join("\n\n", failures.stream().map(Object::toString).toList()));
    }
}
