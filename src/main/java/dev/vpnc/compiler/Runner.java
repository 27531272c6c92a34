package dev.vpnc.compiler;

import dev.vpnc.resolve.RoutingSuite;
import java.util.EnumSet;
import java.util.Set;

/**
 * The command that will run a compiled network, and the BIRD versions it runs: `vpnc compile`
 * writes configs for every suite; `vpnc lab` runs them with the machine's BIRD 2 and FRR.
 *
 * @param command as the user types it, for messages
 * @param targets the versions it runs
 */
public record Runner(String command, Set<RoutingSuite> targets) {
    public static final Runner COMPILE = new Runner("vpnc compile", EnumSet.allOf(RoutingSuite.class));
    public static final Runner LAB = new Runner("vpnc lab", EnumSet.of(RoutingSuite.BIRD2, RoutingSuite.FRR));

    public Runner {
        targets = Set.copyOf(targets);
    }
}
