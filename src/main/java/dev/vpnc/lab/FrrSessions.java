package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.lab.Sessions.HostSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check 1 on a host running FRR: its BGP neighbors, BFD peers and OSPF neighbors as its own vtysh
 * shows them (the instance's pathspace, {@code vpnc-HOST}), with the tunnels' handshakes. A
 * session's "since" is its count of connections established and dropped: a flap changes it.
 */
final class FrrSessions {
    private static final Pattern NEIGHBOR = Pattern.compile("^BGP neighbor is ([0-9A-Fa-f:.]+),");
    private static final Pattern STATE = Pattern.compile("^\\s+BGP state = (\\w+)");
    private static final Pattern CONNECTIONS = Pattern.compile("^\\s+Connections established (\\d+); dropped (\\d+)");
    private static final Pattern ROUTER_ID = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private FrrSessions() {
    }

    /** How {@link Sessions#since} names an FRR host's BGP session with the neighbor at {@code address}. */
    static String sinceKey(String host, String address) {
        return host + " BGP " + address;
    }

    static String vtysh(String host) {
        return "vtysh -N vpnc-" + host;
    }

    /** One look at every session of the host, as {@link Sessions#of} takes one at BIRD's. */
    static HostSessions of(Lab lab, String host, Gw g) {
        String v = vtysh(host);
        String sh = "{ " + v + " -c 'show bgp neighbors'; echo '## bfd'; " + v + " -c 'show bfd peers brief'; "
                + "echo '## ospf6'; " + v + " -c 'show ipv6 ospf6 neighbor'; echo '## ospf'; " + v
                + " -c 'show ip ospf neighbor'; } 2>/dev/null; echo '## wg'; "
                + (g == null ? "" : "ip netns exec " + g.plan().namespace() + " wg show all latest-handshakes; ")
                + "echo \"## now $(date +%s)\"";
        Shell.Result r = lab.host(host).sh(15, sh);
        List<String> down = new ArrayList<>();
        Map<String, String> since = new TreeMap<>();
        Map<String, Long> handshakes = new TreeMap<>();
        int count = 0;
        String section = "bgp";
        String neighbor = null;
        long now = 0;
        for (String line : r.out().lines().toList()) {
            if (line.startsWith("## ")) {
                section = line.substring(3).split(" ")[0];
                if (section.equals("now")) {
                    now = Long.parseLong(line.substring(7).trim());
                }
                continue;
            }
            String[] f = line.trim().split("\\s+");
            switch (section) {
                case "bgp" -> {
                    Matcher n = NEIGHBOR.matcher(line);
                    Matcher s = STATE.matcher(line);
                    Matcher c = CONNECTIONS.matcher(line);
                    if (n.find()) {
                        neighbor = n.group(1);
                        count++;
                    } else if (s.find() && neighbor != null && !s.group(1).equals("Established")) {
                        down.add("BGP " + neighbor + ": " + s.group(1));
                    } else if (c.find() && neighbor != null) {
                        since.put(sinceKey(host, neighbor), c.group(1) + "/" + c.group(2));
                    }
                }
                case "bfd" -> {
                    if (f.length == 4 && f[0].matches("\\d+") && f[2].contains(":") || f.length == 4 && f[0].matches("\\d+")
                            && ROUTER_ID.matcher(f[2]).matches()) {
                        count++;
                        if (!f[3].equals("up")) {
                            down.add("BFD " + f[2] + ": " + f[3]);
                        }
                    }
                }
                case "ospf6", "ospf" -> {
                    if (f.length >= 4 && ROUTER_ID.matcher(f[0]).matches()) {
                        count++;
                        String state = section.equals("ospf6") ? f[3] : f[2];
                        if (!state.startsWith("Full") && !state.startsWith("2-Way")) {
                            down.add("OSPF neighbor " + f[0] + ": " + state);
                        }
                    }
                }
                case "wg" -> {
                    if (f.length == 3) {
                        handshakes.put(f[0], Long.parseLong(f[2]));
                    }
                }
                default -> {
                }
            }
        }
        int sessions = count;
        if (g != null) {
            for (var t : g.plan().tunnels()) {
                count++;
                long ts = handshakes.getOrDefault(t.ifname(), 0L);
                if (ts == 0 || now - ts > Sessions.RECENT_SECONDS) {
                    down.add(t.ifname() + ": no recent handshake" + (ts == 0 ? "" : " (" + (now - ts) + " s ago)"));
                }
            }
        }
        if (!r.ok() || sessions == 0) {
            down.add("vtysh: no session listed " + r.err().strip());
        }
        return new HostSessions(host, count, down, since);
    }

    /** The BGP neighbors of the host that are not Established, from one vtysh; empty when all are. */
    static List<String> bgpNotEstablished(Lab lab, String host) {
        Shell.Result r = lab.host(host).sh(10, vtysh(host) + " -d bgpd -c 'show bgp neighbors' 2>/dev/null");
        if (!r.ok()) {
            return List.of(host + ": vtysh: " + r.err().strip());
        }
        List<String> waiting = new ArrayList<>();
        boolean any = false;
        String neighbor = null;
        for (String line : r.out().lines().toList()) {
            Matcher n = NEIGHBOR.matcher(line);
            Matcher s = STATE.matcher(line);
            if (n.find()) {
                neighbor = n.group(1);
                any = true;
            } else if (s.find() && neighbor != null && !s.group(1).equals("Established")) {
                waiting.add(host + " BGP " + neighbor + " " + s.group(1));
            }
        }
        return any ? waiting : List.of(host + ": no BGP neighbor yet");
    }
}
