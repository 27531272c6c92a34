package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.plan.RunDir;
import dev.vpnc.resolve.RoutingSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Check 1: tunnels have a recent handshake; BGP, BFD and OSPF sessions are up (birdc in each host). */
final class Sessions {
    private Sessions() {
    }

    private static final Pattern STAMP = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})");

    /** A handshake older than this is not recent (WireGuard rekeys every 2 minutes under traffic). */
    static final int RECENT_SECONDS = 180;

    /**
     * One host's sessions: how many were looked at, what is not up, and when each BGP protocol and
     * BFD session last changed state ("host session" to BIRD's "since" column: a session whose
     * time changed between two looks went down, and maybe up, meanwhile).
     */
    record HostSessions(String host, int count, List<String> down, Map<String, String> since) {
    }

    /** The "since" stamps of every host's sessions, in one map. */
    static Map<String, String> since(List<HostSessions> all) {
        Map<String, String> m = new TreeMap<>();
        all.forEach(h -> m.putAll(h.since()));
        return m;
    }

    /**
     * The sessions whose state changed between two looks ({@link #since} maps), in key order. BIRD
     * prints a state's start as the current time less its age, so two looks at an unchanged
     * session can differ by a millisecond: stamps within 50 ms are the same.
     */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> keys = new ArrayList<>();
        for (var e : new TreeMap<>(before).entrySet()) {
            String now = after.get(e.getKey());
            if (now == null || !sameStamp(e.getValue(), now)) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    static boolean sameStamp(String a, String b) {
        long x = millis(a);
        long y = millis(b);
        return x >= 0 && y >= 0 ? Math.abs(x - y) <= 50 : a.equals(b);
    }

    /** Milliseconds of the day of BIRD's {@code HH:MM:SS.mmm}, or -1 for another format. */
    private static long millis(String stamp) {
        Matcher m = STAMP.matcher(stamp);
        if (!m.matches()) {
            return -1;
        }
        return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000
                + Long.parseLong(m.group(4));
    }

    static List<HostSessions> all(Lab lab) {
        return Lab.parallelMap(lab.layout().hostNames(), h -> of(lab, h));
    }

    /**
     * Every host's sessions, polled until none is down or {@code maxSeconds} have passed: what was
     * down at the first look, what is still down at the last, and how long it took.
     */
    record Settled(List<HostSessions> sessions, List<String> downAtFirst, List<String> down, double seconds) {
    }

    static Settled settle(Lab lab, double maxSeconds) {
        long t0 = System.nanoTime();
        List<HostSessions> sessions = all(lab);
        List<String> first = problems(sessions);
        List<String> down = first;
        while (!down.isEmpty() && System.nanoTime() - t0 < (long) (maxSeconds * 1e9)) {
            Shell.sleep(200);
            sessions = all(lab);
            down = problems(sessions);
        }
        return new Settled(sessions, first, down, (System.nanoTime() - t0) / 1e9);
    }

    static List<String> problems(List<HostSessions> all) {
        List<String> p = new ArrayList<>();
        all.forEach(h -> h.down().forEach(d -> p.add(h.host() + ": " + d)));
        return p;
    }

    /**
     * The BGP protocols of a host that are not Established ("host protocol state..."), from one
     * birdc and no shell; empty when all are: what a returning gateway is polled with, ten times
     * a second, before the whole look of {@link #of} (five processes) confirms it. On the lab's 2
     * shared cores the whole look at that rate took a good part of the CPU that the return it
     * measures needs.
     */
    static List<String> bgpNotEstablished(Lab lab, String host) {
        if (lab.layout().routing(host) == RoutingSuite.FRR) {
            return FrrSessions.bgpNotEstablished(lab, host);
        }
        Shell.Result r = lab.host(host).run(10, Map.of(),
                List.of("birdc", "-s", RunDir.birdCtl(host), "show", "protocols"));
        if (!r.ok()) {
            return List.of(host + ": birdc: " + r.err().strip());
        }
        List<String> waiting = new ArrayList<>();
        boolean any = false;
        for (String line : r.out().lines().toList()) {
            ProtocolLine p = ProtocolLine.parse(line).filter(ProtocolLine::bgp).orElse(null);
            if (p != null) {
                any = true;
                if (!p.up()) {
                    waiting.add(host + " " + p.described());
                }
            }
        }
        return any ? waiting : List.of(host + ": no BGP protocol yet");
    }

    static HostSessions of(Lab lab, String host) {
        Gw g = lab.layout().gateway(host);
        if (lab.layout().routing(host) == RoutingSuite.FRR) {
            return FrrSessions.of(lab, host, g);
        }
        String ctl = RunDir.birdCtl(host);
        String sh = "birdc -s " + ctl + " show protocols; echo '## bfd'; birdc -s " + ctl + " show bfd sessions; "
                + "echo '## ospf'; birdc -s " + ctl + " show ospf neighbors; echo '## wg'; "
                + (g == null ? "" : "ip netns exec " + g.plan().namespace() + " wg show all latest-handshakes; ")
                + "echo \"## now $(date +%s)\"";
        Shell.Result r = lab.host(host).sh(15, sh);
        List<String> down = new ArrayList<>();
        Map<String, String> since = new TreeMap<>();
        int count = 0;
        String section = "proto";
        long now = 0;
        List<String[]> handshakes = new ArrayList<>();
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
                case "proto" -> {
                    ProtocolLine p = ProtocolLine.parse(line).filter(x -> x.bgp() || x.ospf()).orElse(null);
                    if (p != null) {
                        count++;
                        if (p.bgp() && !p.since().isEmpty()) {
                            since.put(host + " " + p.name(), p.since());
                        }
                        if (!p.up()) {
                            down.add(p.described());
                        }
                    }
                }
                case "bfd" -> {
                    if (f.length >= 3 && f[0].contains(":") || f.length >= 3 && f[0].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                        count++;
                        if (f.length >= 4) {
                            since.put(host + " BFD " + f[0] + " " + f[1], f[3]);
                        }
                        if (!f[2].equals("Up")) {
                            down.add("BFD " + f[0] + " on " + f[1] + ": " + f[2]);
                        }
                    }
                }
                case "ospf" -> {
                    if (f.length >= 3 && f[0].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                        count++;
                        if (!f[2].startsWith("Full") && !f[2].startsWith("2-Way")) {
                            down.add("OSPF neighbor " + f[0] + ": " + f[2]);
                        }
                    }
                }
                case "wg" -> {
                    if (f.length == 3) {
                        handshakes.add(f);
                    }
                }
                default -> {
                }
            }
        }
        // A gateway's tunnels count too: a BIRD that lists nothing is a problem all the same.
        int sessions = count;
        if (g != null) {
            for (var t : g.plan().tunnels()) {
                count++;
                String[] hs = handshakes.stream().filter(f -> f[0].equals(t.ifname())).findFirst().orElse(null);
                long ts = hs == null ? 0 : Long.parseLong(hs[2]);
                if (ts == 0 || now - ts > RECENT_SECONDS) {
                    down.add(t.ifname() + ": no recent handshake" + (ts == 0 ? "" : " (" + (now - ts) + " s ago)"));
                }
            }
        }
        if (!r.ok() || sessions == 0) {
            down.add("birdc: " + r.err().strip());
        }
        return new HostSessions(host, count, down, since);
    }
}
