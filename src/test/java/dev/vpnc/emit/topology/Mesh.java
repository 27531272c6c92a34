package dev.vpnc.emit.topology;

import dev.vpnc.compiler.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A generated full mesh: {@code sites} sites of {@code gateways} gateways each, IPv6 only. */
final class Mesh {
    private Mesh() {
    }

    /** The .vpn text; the port range holds exactly the tunnels of one gateway. */
    static String source(int sites, int gateways) {
        int ports = Math.max(1, (sites - 1) * gateways);
        StringBuilder b = new StringBuilder();
        b.append("profile edge {\n  uplink eth0\n  lan eth1\n}\n\n");
        b.append("network big {\n  tunnels ipv6 fd00:ff::/64\n  ports 5800..").append(5800 + ports - 1)
                .append("\n  underlay ipv6\n}\n");
        for (int s = 1; s <= sites; s++) {
            String hex = Integer.toHexString(s);
            b.append("\nsite s").append(s).append(" {\n");
            b.append("  asn ").append(65000 + s).append('\n');
            b.append("  prefixes 2001:db8:").append(hex).append("::/48\n");
            b.append("  subnet 2001:db8:").append(hex).append(":ffff::/64\n");
            for (int g = 1; g <= gateways; g++) {
                b.append("  gateway s").append(s).append('-').append((char) ('a' + g - 1))
                        .append(" uses edge { endpoint 2001:db8:ffff:").append(hex).append("::").append(g).append(" }\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    /** Compiles the mesh in {@code dir} (source, lock and key store there) and returns the rendered files. */
    static Pipeline.Result compile(Path dir, int sites, int gateways) {
        try {
            Files.createDirectories(dir);
            Path src = dir.resolve("net.vpn");
            Files.writeString(src, source(sites, gateways));
            Pipeline.Result r = Pipeline.run(src, dir.resolve("secrets"), dir.resolve("vpnc.lock"));
            if (r.files() == null) {
                throw new AssertionError("the generated mesh does not compile: " + r.diagnostics().sorted());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
