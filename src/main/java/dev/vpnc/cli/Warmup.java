package dev.vpnc.cli;

import dev.vpnc.emit.Emitter;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.resolve.Loader;
import dev.vpnc.review.Manifest;
import inet.ipaddr.IPAddressString;
import java.util.Set;

/**
 * Much of a small compile is the first use of each library: ANTLR deserializes its automata,
 * IPAddress builds its tables, the JDK its X25519, FreeMarker parses the templates. None of that
 * depends on the input, and neither does parsing the stdlib modules, which every compile loads. So
 * for the commands that compile, a second thread does it while the first parses the command line
 * and reads the source; the first thread then finds it done, or waits on the class's
 * initialization lock (at worst, both threads parse one stdlib module). Nothing here touches the
 * disk, and a failure here is left for the real use to report.
 */
final class Warmup {
    private static final Set<String> COMPILING = Set.of("compile", "check", "plan");

    private Warmup() {
    }

    static void startFor(String[] args) {
        if (args.length == 0 || !COMPILING.contains(args[0])) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                warm();
            } catch (RuntimeException e) {
                // Only a head start: the pipeline meets and reports the same problem itself.
            }
        }, "vpnc-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** In the order the pipeline needs them (CliTest runs it, so that it cannot rot silently). */
    static void warm() {
        // Real work, not a rehearsal: every compile loads the prelude, and the loads share the trees.
        Loader.preloadStdlib();
        new IPAddressString("2001:db8::/32").getAddress();
        new IPAddressString("192.0.2.0/24").getAddress();
        KeyStore.publicKeyOf(new byte[32]);
        Emitter.preloadTemplates();
        Manifest.sha256(new byte[0]);
    }
}
