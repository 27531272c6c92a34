package dev.vpnc.lab;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code lab up}: emulates every host of the compiled network and runs each bundle's up.sh,
 * then waits until every site pings every other one.
 */
public final class LabUp {
    /** Seconds allowed for the network to route: OSPF waits its dead interval (40 s in the article) before electing a DR. */
    static final double ROUTING_DEADLINE = 90;

    private LabUp() {
    }

    /**
     * Figures of one {@code lab up}: the emulation built (s from the start), every up.sh done and
     * every site pinging every other one (s from the start of the up.sh runs: the cold start).
     */
    public record Figures(double built, double upScripts, double pinging) {
    }

    /**
     * @param state   a fresh state whose directory already holds the bundles (bundles/HOST)
     * @param secrets the key store folder (one folder per host)
     */
    public static Figures up(LabLayout layout, LabState state, Path secrets, PrintWriter out) {
        long t0 = System.nanoTime();
        Lab lab = Lab.create(layout, state, secrets);
        lab.build();
        double built = since(t0);
        out.printf(Locale.ROOT, "lab %s: %d hosts emulated and linked in %.2f s%n", layout.network(),
                layout.hostNames().size(), built);
        out.flush();
        long t1 = System.nanoTime();
        Lab.parallel(layout.hostNames(), lab::bringUp);
        double scripts = since(t1);
        out.printf(Locale.ROOT, "lab %s: every up.sh done %.2f s after they started%n", layout.network(), scripts);
        out.flush();
        List<String> silent = Pings.waitAll(lab, ROUTING_DEADLINE);
        double pinging = since(t1);
        if (!silent.isEmpty()) {
            throw new LabException("after " + String.format(Locale.ROOT, "%.1f", pinging)
                    + " s, some sites still do not reach each other: " + silent);
        }
        out.printf(Locale.ROOT, "lab %s: every site pings every other one (%d pairs, IPv6 and IPv4) %.2f s after the up.sh runs started%n",
                layout.network(), Pings.pairs(layout).size(), pinging);
        Figures figures = new Figures(built, scripts, pinging);
        ColdStart.save(state, figures);
        return figures;
    }

    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
