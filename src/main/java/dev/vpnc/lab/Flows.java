package dev.vpnc.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Continuous site-to-site flows: one {@code ping -i 0.02} per (source, target) address pair,
 * run inside the source router, timestamped ({@code -D}) and reporting every unanswered echo
 * ({@code -O}), so that each echo's fate and send time can be read back from its output.
 */
final class Flows implements AutoCloseable {
    static final double INTERVAL = 0.02;
    /**
     * Most flows run at once: each is 50 echoes a second, and with more the lab's own load on a
     * 2-core machine delays BFD packets past their deadline (found with 24 hosts and 104 flows:
     * sessions flapped everywhere; with 32, hub failovers measured 20-40 ms longer than with 16).
     * A larger set is thinned evenly; the reference network's failovers use 16.
     */
    static final int MAX_FLOWS = 16;

    /**
     * Flows both ways between the pinged routers {@code a} and {@code b}, per family both have:
     * from each of their first {@code addresses} addresses (wrapping when a router has fewer).
     */
    static void bothWays(List<Flow> flows, LabLayout.Rt a, LabLayout.Rt b, int addresses) {
        for (int fam = 0; fam < 2; fam++) {
            List<String> sa = fam == 0 ? a.v6() : a.v4();
            List<String> sb = fam == 0 ? b.v6() : b.v4();
            if (sa.isEmpty() || sb.isEmpty()) {
                continue;
            }
            for (int k = 0; k < addresses; k++) {
                String x = Addresses.bare(sa.get(k % sa.size()));
                String y = Addresses.bare(sb.get(k % sb.size()));
                flows.add(new Flow(a.plan().name(), x, y));
                flows.add(new Flow(b.plan().name(), y, x));
            }
        }
    }

    /** {@code flows}, or every n-th of them (pairs kept together) when there are more than {@link #MAX_FLOWS}. */
    static List<Flow> sample(List<Flow> flows) {
        if (flows.size() <= MAX_FLOWS) {
            return flows;
        }
        List<Flow> out = new ArrayList<>();
        int pairs = flows.size() / 2;
        int keep = MAX_FLOWS / 2;
        for (int k = 0; k < keep; k++) {
            int p = (int) ((long) k * pairs / keep);
            out.add(flows.get(2 * p));
            out.add(flows.get(2 * p + 1));
        }
        return out;
    }

    private static final Pattern LINE = Pattern.compile("^\\[(\\d+\\.\\d+)\\] (.*icmp_seq=(\\d+).*)$");

    /** One flow: from a router, between two addresses. */
    record Flow(String host, String source, String target) {
        String label() {
            return source + " -> " + target;
        }
    }

    /** What happened to one echo: its send time (epoch seconds) and whether it was answered. */
    record Echo(int seq, double sent, boolean answered) {
    }

    private final Path dir;
    private final List<Flow> flows;
    private final List<Process> processes = new ArrayList<>();
    private boolean ended;

    private Flows(Path dir, List<Flow> flows) {
        this.dir = dir;
        this.flows = flows;
    }

    /** Starts the flows, grouped by source host (one bash inside each host runs its pings). */
    static Flows start(Lab lab, Path dir, List<Flow> flows) throws IOException {
        LabDown.deleteTree(dir);
        Files.createDirectories(dir);
        Flows f = new Flows(dir, flows);
        Map<String, StringBuilder> scripts = new LinkedHashMap<>();
        for (int i = 0; i < flows.size(); i++) {
            Flow fl = flows.get(i);
            scripts.computeIfAbsent(fl.host(), h -> new StringBuilder("pids=()\n"))
                    .append("ping -n -D -O -i ").append(INTERVAL).append(" -W 1 -I ").append(fl.source()).append(' ')
                    .append(fl.target()).append(" > ").append(dir.resolve("flow-" + i + ".out")).append(" 2>&1 &\npids+=($!)\n");
        }
        try {
            f.startScripts(lab, scripts);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void startScripts(Lab lab, Map<String, StringBuilder> scripts) throws IOException {
        for (var e : scripts.entrySet()) {
            // Ends when the stop file appears; SIGINT lets ping flush its output.
            e.getValue().append("until [ -e ").append(dir.resolve("stop")).append(" ]; do sleep 0.05; done\n")
                    .append("kill -INT \"${pids[@]}\"; wait\n");
            Holder h = lab.host(e.getKey());
            processes.add(new ProcessBuilder("nsenter", "-t", Long.toString(h.pid()), "-m", "-n", "-p", "--",
                    "bash", "-c", e.getValue().toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(dir.resolve("flows-" + e.getKey() + ".log").toFile())
                    .redirectErrorStream(true).start());
        }
    }

    /** Stops the flows and returns each one's echoes, in flow order. */
    List<List<Echo>> stop() throws IOException {
        end();
        List<List<Echo>> all = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            all.add(parse(Files.readString(dir.resolve("flow-" + i + ".out"))));
        }
        return all;
    }

    /**
     * Stops the flows if {@link #stop()} did not: a check that failed half-way leaves no ping
     * running in the hosts for the checks after it.
     */
    @Override
    public void close() {
        if (!ended) {
            try {
                end();
            } catch (IOException e) {
                // the flows end with their hosts at lab down; the check's own failure is the one reported
            }
        }
    }

    private void end() throws IOException {
        ended = true;
        Files.writeString(dir.resolve("stop"), "");
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Echoes of one ping output; the last few (maybe still in flight when ping stopped) are left out. */
    static List<Echo> parse(String output) {
        TreeMap<Integer, Echo> bySeq = new TreeMap<>();
        for (String line : output.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            double ts = Double.parseDouble(m.group(1));
            int seq = Integer.parseInt(m.group(3));
            if (m.group(2).startsWith("no answer yet")) {
                bySeq.putIfAbsent(seq, new Echo(seq, ts - INTERVAL, false));
            } else if (m.group(2).contains("bytes from")) {
                Echo before = bySeq.get(seq);
                bySeq.put(seq, new Echo(seq, before == null ? ts : before.sent(), true));
            }
        }
        List<Echo> echoes = new ArrayList<>(bySeq.values());
        return echoes.subList(0, Math.max(0, echoes.size() - 3));
    }

    List<Flow> flows() {
        return flows;
    }
}
