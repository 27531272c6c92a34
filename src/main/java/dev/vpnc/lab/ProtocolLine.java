package dev.vpnc.lab;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One protocol line of {@code birdc show protocols}, e.g.
 * {@code bgp_v2_1   BGP   ---   start   10:20:09.043   Active   Error: BFD session down}.
 *
 * @param name     the protocol's name
 * @param protocol its kind ({@code BGP}, {@code OSPF}, {@code Kernel}...)
 * @param state    {@code up}, {@code start}, {@code down}...
 * @param since    when it last changed state, as BIRD prints it; empty when not printed
 * @param status   the line from the state on ("start 10:20:09.043 Active Error: BFD session down")
 */
record ProtocolLine(String name, String protocol, String state, String since, String status) {
    /** Name, protocol, table, state, then the rest of the line (since and info). */
    private static final Pattern LINE = Pattern.compile("\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+((\\S+)(?:\\s+(\\S+))?.*?)\\s*");

    /** The line as a protocol line, or empty for a header or any other line. */
    static Optional<ProtocolLine> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProtocolLine(m.group(1), m.group(2), m.group(5), m.group(6) == null ? "" : m.group(6),
                m.group(4)));
    }

    boolean bgp() {
        return protocol.equals("BGP");
    }

    boolean ospf() {
        return protocol.equals("OSPF");
    }

    /** A BGP session is up when Established (BIRD says "up" once the protocol starts); others when up. */
    boolean up() {
        return bgp() ? status.contains("Established") : state.equals("up");
    }

    /** "NAME STATUS", as the lab reports a protocol that is not up. */
    String described() {
        return name + " " + status;
    }
}
