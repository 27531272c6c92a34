package dev.vpnc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BIRD 1.6 target judged by the real tools: the reference network compiled with {@code bird 1.6}
 * for the whole network, and for one gateway only; every bird6.conf/bird.conf of a 1.6 host parsed
 * by BIRD 1.6.8's bird6/bird, every BIRD 2 config (with its per-family sessions towards the 1.6
 * host) by BIRD 2, scripts by bash and shellcheck, units by systemd-analyze, WireGuard files by wg.
 */
class RealToolsOnBird16Test {
    @TempDir
    Path tmp;

    /** The reference example with {@code edit} applied to its source. */
    private Path compileReference(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path work = tmp.resolve(name);
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Path source = work.resolve("net.vpn");
        String original = Files.readString(source);
        String edited = edit.apply(original);
        assertFalse(edited.equals(original), "the edit changed nothing");
        Files.writeString(source, edited);
        Project.Run run = Project.cli("compile", source.toString(), "-o", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        return work.resolve("out");
    }

    private static Set<String> hostsWith(Path out, String file) throws IOException {
        Set<String> hosts = new TreeSet<>();
        try (Stream<Path> s = Files.list(out)) {
            s.filter(d -> Files.exists(d.resolve(file))).forEach(d -> hosts.add(d.getFileName().toString()));
        }
        return hosts;
    }

    private static void assertAccepted(Path out) {
        RealTools.bird16("bird6");
        List<RealTools.Failure> failures = RealTools.checkTree(out);
        assertTrue(failures.isEmpty(), failures.stream().map(Object::toString).reduce("", (a, b) -> a + "\n" + b));
    }

    @Test
    void wholeNetworkOnBird16() throws IOException {
        Path out = compileReference("network", src -> src.replace("  underlay ipv6\n", "  underlay ipv6\n  bird 1.6\n"));
        Set<String> all = hostsWith(out, "up.sh");
        assertEquals(9, all.size());
        // IPv4 is carried: every host runs bird6 and bird.
        assertEquals(all, hostsWith(out, "bird6.conf"));
        assertEquals(all, hostsWith(out, "bird.conf"));
        assertEquals(all, hostsWith(out, "systemd/vpnc-bird6.service"));
        assertAccepted(out);
    }

    @Test
    void oneGatewayOnBird16() throws IOException {
        Path out = compileReference("host", src -> src.replace("gateway v1-1 uses edge { endpoint 2001:db8:1::1 }",
                "gateway v1-1 uses edge {\n    endpoint 2001:db8:1::1\n    bird 1.6\n  }"));
        assertEquals(Set.of("v1-1"), hostsWith(out, "bird6.conf"));
        // Its BIRD 2 neighbors (the four remote gateways, v1-2 and r1) give it an IPv4 session of its own.
        for (String neighbor : List.of("v2-1", "v2-2", "v3-1", "v3-2", "v1-2", "r1")) {
            assertTrue(Files.readString(out.resolve(neighbor).resolve("bird.conf")).matches("(?s).*protocol bgp i?bgp4_v1_1 \\{.*"),
                    neighbor + " has an IPv4 session with v1-1");
        }
        assertFalse(Files.readString(out.resolve("r2/bird.conf")).contains("bgp4_"), "r2 does not face v1-1");
        assertAccepted(out);
    }

    @Test
    void ipv6OnlyNetworkOnBird16RunsBird6Only() throws IOException {
        Path work = tmp.resolve("ospf");
        Project.copyTree(Project.root().resolve("examples/ospf-ipv6only"), work);
        Path source = work.resolve("net.vpn");
        String original = Files.readString(source);
        String edited = original.replaceFirst("(?m)^(network [^\\n]*\\{\\n)", "$1  bird 1.6\n");
        assertFalse(edited.equals(original));
        Files.writeString(source, edited);
        Project.Run run = Project.cli("compile", source.toString(), "-o", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        Path out = work.resolve("out");
        assertEquals(hostsWith(out, "up.sh"), hostsWith(out, "bird6.conf"));
        assertTrue(hostsWith(out, "bird.conf").isEmpty(), "no IPv4 carried: no bird.conf");
        assertAccepted(out);
    }

    /** BIRD 1.6's parser is a real judge: a BIRD 2 config (channels) is rejected by it. */
    @Test
    void bird16RejectsBird2Syntax() throws IOException {
        Path out = compileReference("reject", src -> src.replace("  underlay ipv6\n", "  underlay ipv6\n  bird 2\n"));
        Path bird2 = out.resolve("v1-1/bird.conf");
        List<RealTools.Failure> failures = RealTools.checkBird16(bird2, "bird6");
        assertEquals(1, failures.size(), "bird6 1.6 accepted a BIRD 2 config");
        assertTrue(failures.get(0).output().contains("syntax error"), failures.get(0).output());
    }
}
