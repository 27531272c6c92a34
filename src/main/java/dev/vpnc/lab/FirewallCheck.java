package dev.vpnc.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check 8: each gateway's firewall, from outside. A host of the underlay that is no peer (the
 * lab's wan router) sends datagrams to every listen port that vpnc's table opens to one source
 * (read from the live table): each must be counted by the drop rule, and every peer's accept
 * rule must have counted packets (the handshakes of check 1 went through it). Then a
 * table of the operator's, in both namespaces of one gateway, must outlive its reload.sh, up.sh
 * and down.sh (its private namespace's goes with the namespace, as any rule in it would).
 */
final class FirewallCheck {
    /** Datagrams sent to each listen port, per address family of the gateway. */
    static final int PROBES = 3;
    private static final String OPERATOR_TABLE = "inet lab_operator";
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes \\d+ (accept|drop) comment \"([^\"]+)\"");
    /** A listen port open to one source: {@code udp dport 5800 ip6 saddr 2001:db8:2::1 counter ...}. */
    private static final Pattern ONE_SOURCE = Pattern.compile("udp dport (\\d+) ip6? saddr ");

    private FirewallCheck() {
    }

    /**
     * @param gateways gateways whose firewall is on
     * @param probes   datagrams sent by the non-peer
     * @param problems  what went wrong, per gateway
     * @param openToAll gateways with listen ports open to all (peers of a DNS name or of another family): not probed
     */
    record Figures(int gateways, int probes, List<String> problems, List<String> openToAll) {
    }

    static Figures run(Lab lab) {
        List<String> problems = new ArrayList<>();
        int gateways = 0;
        int probes = 0;
        List<String> opened = new ArrayList<>();
        Holder wan = lab.host(LabLayout.WAN);
        for (LabLayout.Gw g : lab.layout().gateways()) {
            if (!g.plan().firewall()) {
                continue;
            }
            gateways++;
            String name = g.plan().name();
            // The ports open to one source each (a DNS peer's, or one of another family, are open to all).
            List<Integer> ports = new ArrayList<>();
            Matcher one = ONE_SOURCE.matcher(lab.host(name).sh(15, "nft list chain inet vpnc input").out());
            while (one.find()) {
                ports.add(Integer.parseInt(one.group(1)));
            }
            List<String> addresses = new ArrayList<>(List.of(g.v6()));
            if (g.v4() != null) {
                addresses.add(g.v4());
            }
            Map<String, Long> before = counters(lab, name);
            if (!before.containsKey(dropRule())) {
                // No table, or one without its last rule: nothing below could fail.
                problems.add(name + ": vpnc's table in the public namespace has no drop rule");
                continue;
            }
            StringBuilder send = new StringBuilder();
            for (String a : addresses) {
                for (int p : ports) {
                    for (int i = 0; i < PROBES; i++) {
                        send.append("echo probe >/dev/udp/").append(a).append('/').append(p).append('\n');
                    }
                }
            }
            Shell.Result sent = wan.sh(30, send.toString());
            if (!sent.ok()) {
                problems.add(name + ": the probes could not be sent: " + sent.err().strip());
                continue;
            }
            int expected = PROBES * ports.size() * addresses.size();
            probes += expected;
            Shell.sleep(500);  // the datagrams in flight
            Map<String, Long> after = counters(lab, name);
            long dropped = delta(before, after, dropRule());
            if (dropped != expected) {
                problems.add(name + ": " + dropped + " of the " + expected + " datagrams of a non-peer dropped");
            }
            for (var rule : after.entrySet()) {
                if (!rule.getKey().equals(dropRule()) && rule.getValue() <= 0) {
                    problems.add(name + ": nothing ever accepted from " + rule.getKey());
                }
            }
            if (ports.size() != g.plan().tunnels().size()) {
                opened.add(name + ": " + (g.plan().tunnels().size() - ports.size()) + " of " + g.plan().tunnels().size());
            }
        }
        lab.layout().gateways().stream().filter(g -> g.plan().firewall()).findFirst()
                .ifPresent(g -> problems.addAll(operatorTableSurvives(lab, g)));
        return new Figures(gateways, probes, problems, opened);
    }

    /** The drop rule's comment (templates/gateway/firewall-public.nft.ftl). */
    static String dropRule() {
        return "vpnc listen ports, other sources";
    }

    /** Packets per rule of vpnc's public chain, by comment. */
    private static Map<String, Long> counters(Lab lab, String host) {
        Map<String, Long> out = new HashMap<>();
        Matcher m = COUNTER.matcher(lab.host(host).sh(15, "nft list chain inet vpnc input").out());
        while (m.find()) {
            out.put(m.group(3), Long.parseLong(m.group(1)));
        }
        return out;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String rule) {
        return after.getOrDefault(rule, 0L) - before.getOrDefault(rule, 0L);
    }

    /** An operator's table in both namespaces of {@code g}, through reload.sh, up.sh, down.sh and up.sh. */
    private static List<String> operatorTableSurvives(Lab lab, LabLayout.Gw g) {
        String name = g.plan().name();
        String ns = g.plan().namespace();
        Holder host = lab.host(name);
        String table = "add table " + OPERATOR_TABLE + "; add chain " + OPERATOR_TABLE
                + " input { type filter hook input priority 10; policy accept; }";
        host.shOk("the operator's tables", "nft '" + table + "'\nip netns exec " + ns + " nft '" + table + "'");
        List<String> problems = new ArrayList<>();
        try {
            expect(problems, lab, g, "reload.sh", lab.reloadSh(name), true);
            expect(problems, lab, g, "up.sh", lab.upSh(name), true);
            expect(problems, lab, g, "down.sh", lab.downSh(name), false);
            expect(problems, lab, g, "up.sh after down.sh", lab.upSh(name), false);
        } finally {
            host.sh(15, "nft delete table " + OPERATOR_TABLE + "; ip netns exec " + ns + " nft delete table "
                    + OPERATOR_TABLE + " 2>/dev/null; true");
        }
        return problems;
    }

    /** After {@code what}: the operator's public table there; the private one too when {@code privateToo}. */
    private static void expect(List<String> problems, Lab lab, LabLayout.Gw g, String what, Shell.Result run,
                               boolean privateToo) {
        String name = g.plan().name();
        if (!run.ok()) {
            problems.add(name + ": " + what + " failed: " + run.err().strip());
            return;
        }
        Holder host = lab.host(name);
        if (!host.sh(15, "nft list table " + OPERATOR_TABLE).ok()) {
            problems.add(name + ": the operator's table of the public namespace is gone after " + what);
        }
        if (privateToo && !host.sh(15, "ip netns exec " + g.plan().namespace() + " nft list table " + OPERATOR_TABLE).ok()) {
            problems.add(name + ": the operator's table of the private namespace is gone after " + what);
        }
        boolean up = !what.equals("down.sh");
        if (host.sh(15, "nft list table inet vpnc").ok() != up) {
            problems.add(name + ": vpnc's table " + (up ? "missing" : "still there") + " after " + what);
        }
    }
}
