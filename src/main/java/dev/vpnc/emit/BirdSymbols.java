package dev.vpnc.emit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every symbol of one BIRD config, so a name derived twice is an error, not a clash. Checks
 * ({@link dev.vpnc.check.NameMappings}) reject the names that would derive one twice (sites
 * "a-b" and "a_b"), so this only guards the emitter's own names.
 */
final class BirdSymbols {
    private final Set<String> used = new HashSet<>(List.of("device", "bfd", "kernel", "direct", "ospf", "bgp"));

    String claim(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a valid BIRD symbol: " + name);
        }
        if (!used.add(name)) {
            throw new IllegalArgumentException("BIRD symbol defined twice: " + name);
        }
        return name;
    }
}
