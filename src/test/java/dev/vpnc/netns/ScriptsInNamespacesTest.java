package dev.vpnc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vpnc.netns.NetnsLab.Host;
import dev.vpnc.netns.NetnsLab.Result;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated up.sh / down.sh of the reference example for real: wireguard-go (the
 * machine has no WireGuard module, the scripts fall back to it by themselves), BIRD 2, network
 * namespaces. Every emulated host is isolated in its own network, mount (private /run) and PID
 * namespaces, see {@link NetnsLab} for the recipe.
 *
 * <p>Needs root on Linux and ip, wg, wireguard-go, bird, birdc, unshare, nsenter, timeout: with
 * CI=true a missing precondition fails the class, elsewhere it is skipped.
 */
@Timeout(100)
class ScriptsInNamespacesTest {
    private static final List<String> TOOLS = List.of(
            "ip", "wg", "wireguard-go", "bird", "birdc", "unshare", "nsenter", "timeout", "bash");
    private static final List<String> V1_1_TUNNELS = List.of("wg-v2-1", "wg-v2-2", "wg-v3-1", "wg-v3-2");

    @TempDir
    static Path work;

    private NetnsLab lab;
    private Path scratch;

    @BeforeAll
    static void preconditionsAndCompile() throws IOException {
        require(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "not Linux");
        require(effectiveUid() == 0, "not root");
        for (String tool : TOOLS) {
            Tools.require(tool);
        }
        // With preshared keys on every tunnel: the handshake of two gateways proves that up.sh
        // gave each end its own copy, and the traces below that no key is printed.
        Path compiled = work.resolve("compiled");
        Project.copyTree(Project.root().resolve("examples/reference"), compiled);
        Path source = compiled.resolve("net.vpn");
        String text = Files.readString(source);
        assertTrue(text.contains("  ports 5800..5899\n"), text);
        Files.writeString(source, text.replace("  ports 5800..5899\n", "  ports 5800..5899\n  wireguard { psk on }\n"));
        Project.Run run = Project.cli("compile", source.toString(), "-o", compiled.resolve("out").toString());
        assertEquals(0, run.exit(), () -> "vpnc compile failed:\n" + run.out() + run.err());
    }

    @BeforeEach
    void newLab() throws IOException {
        String prefix = "vpnct" + String.format("%04x", new SecureRandom().nextInt(0x10000));
        scratch = Files.createTempDirectory(work, prefix);
        lab = new NetnsLab(prefix, scratch);
    }

    @AfterEach
    void killLab() {
        if (lab != null) {
            lab.close();
        }
    }

    // ----------------------------------------------------------------------------------------
    // 1. Idempotent up.sh, complete down.sh

    @Test
    void gatewayUpIsIdempotentAndDownRemovesEverything() throws IOException {
        Gateway v11 = gatewayWithScratchPeers("v1-1", "2001:db8:1::1/64");

        // Both runs traced as an operator debugging them would (bash -x): the first creates every
        // tunnel, the second goes through every tunnel's comparison with its keys. Neither may
        // print a private or preshared key.
        long t0 = System.nanoTime();
        Result created = v11.host.run(30, v11.env(), "bash", "-x", v11.script("up.sh"));
        created.ok();
        log("v1-1 up.sh (traced) took %d ms", (System.nanoTime() - t0) / 1_000_000);
        assertNoSecretIn(v11, created, "bash -x up.sh, first run");
        String first = snapshot(v11);
        assertUp(v11, first);
        long birdPid = birdPid(v11);
        // BFD's daemon on a busy host: every thread of BIRD at real-time priority.
        String sched = v11.host.sh(5, "for t in /proc/" + birdPid + "/task/*; do chrt -p \"${t##*/}\"; done").out();
        assertTrue(sched.contains("SCHED_RR") && !sched.contains("SCHED_OTHER"), "BIRD's threads: " + sched);

        Result traced = v11.host.run(30, v11.env(), "bash", "-x", v11.script("up.sh"));
        traced.ok();
        assertNoSecretIn(v11, traced, "bash -x up.sh, second run");
        assertTrue(traced.err().contains("tunnel_is_current"), "the trace shows the key comparison: " + traced.err());
        String second = snapshot(v11);
        assertEquals(first, second, "second up.sh changed the host");
        assertEquals(birdPid, birdPid(v11), "second up.sh restarted BIRD");
        assertTrue(v11.host.sh(5, "kill -0 " + birdPid).exit() == 0, "BIRD (pid " + birdPid + ") died");

        t0 = System.nanoTime();
        v11.down().ok();
        log("v1-1 down.sh took %d ms", (System.nanoTime() - t0) / 1_000_000);
        assertNothingLeft(v11, "after down.sh");

        v11.down().ok();
        assertNothingLeft(v11, "after a second down.sh");
    }

    // ----------------------------------------------------------------------------------------
    // 2. up.sh killed part way, then down.sh

    @Test
    void interruptedUpThenDownCleansUp() throws IOException {
        Gateway v11 = gatewayWithScratchPeers("v1-1", "2001:db8:1::1/64");
        long seed = new SecureRandom().nextLong();
        Random random = new Random(seed);
        log("interruptedUpThenDownCleansUp: seed %d", seed);

        // Kill points spread over the time a complete up.sh takes (measured first: a few hundred
        // ms here, wireguard-go starting once per tunnel), plus jitter. timeout kills the whole
        // process group of up.sh, as Ctrl-C or a service manager would, including the
        // wireguard-go daemons it started (they stay in its process group). down.sh starts right
        // after, while a killed wireguard-go may still be taking its interface down.
        long t0 = System.nanoTime();
        v11.up().ok();
        double full = (System.nanoTime() - t0) / 1e9;
        v11.down().ok();
        assertNothingLeft(v11, "after a complete up.sh and down.sh");
        int points = 20;
        List<String> interrupted = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double point = full * 1.1 * (i + random.nextDouble()) / points;
            String delay = String.format(Locale.ROOT, "%.3f", Math.max(0.005, point));
            Result up = v11.host.run(20, v11.env(), "timeout", "-s", "KILL", delay, v11.script("up.sh"));
            interrupted.add(delay + "s->" + up.exit());
            Result down = v11.down();
            assertEquals(0, down.exit(), () -> "down.sh after up.sh killed at " + delay + " s:\n" + down.describe());
            assertNothingLeft(v11, "after up.sh killed at " + delay + " s (exit " + up.exit() + ") and down.sh");
        }
        log("complete up.sh: %.0f ms; kill points (delay->exit of up.sh, 137 = killed): %s", full * 1000, interrupted);

        v11.up().ok();
        assertUp(v11, snapshot(v11));
        v11.down().ok();
        assertNothingLeft(v11, "after the final down.sh");
    }

    // ----------------------------------------------------------------------------------------
    // 3. Two gateways of different sites: handshake, traffic, BGP

    @Test
    void twoGatewaysHandshakeAndPeerOverBgp() throws IOException {
        Host router = lab.host("router");
        Gateway v11 = gateway("v1-1");
        Gateway v21 = gateway("v2-1");
        // Underlay: each uplink in its own /64, routed by a router namespace with forwarding on.
        String p = lab.prefix;
        lab.veth(v11.host, "eth0", router, p + "a0");
        lab.veth(v11.host, "eth1", router, p + "a1");
        lab.veth(v21.host, "eth0", router, p + "b0");
        lab.veth(v21.host, "eth1", router, p + "b1");
        router.shOk("set -e; sysctl -q -w net.ipv6.conf.all.forwarding=1\n"
                + "ip addr add 2001:db8:1::fe/64 dev " + p + "a0 nodad\n"
                + "ip addr add 2001:db8:2::fe/64 dev " + p + "b0 nodad\n"
                + "for i in a0 a1 b0 b1; do ip link set " + p + "$i up; done");
        v11.host.shOk("set -e; ip addr add 2001:db8:1::1/64 dev eth0 nodad; ip link set eth0 up; ip link set eth1 up\n"
                + "ip -6 route add default via 2001:db8:1::fe dev eth0");
        v21.host.shOk("set -e; ip addr add 2001:db8:2::1/64 dev eth0 nodad; ip link set eth0 up; ip link set eth1 up\n"
                + "ip -6 route add default via 2001:db8:2::fe dev eth0");
        waitForCarrier(v11.host, "eth0", "eth1");
        waitForCarrier(v21.host, "eth0", "eth1");
        String ping = pingCommand();
        if (ping != null) {
            // The underlay works (the first echo may be lost while neighbours are resolved).
            v11.host.sh(10, "for _ in 1 2 3 4 5; do " + ping.formatted("2001:db8:2::1") + " && exit 0; done; exit 1").ok();
        }

        long t0 = System.nanoTime();
        v11.up().ok();
        v21.up().ok();
        long upMs = (System.nanoTime() - t0) / 1_000_000;

        long handshakeMs = -1;
        long establishedMs = -1;
        long pingMs = -1;
        String lastProtocols = "";
        String lastHandshakes = "";
        while ((System.nanoTime() - t0) < 15_000_000_000L && (handshakeMs < 0 || establishedMs < 0 || pingMs < 0)) {
            long now = (System.nanoTime() - t0) / 1_000_000;
            if (handshakeMs < 0) {
                lastHandshakes = v11.host.sh(5, "ip netns exec private wg show wg-v2-1 latest-handshakes").out();
                String[] f = lastHandshakes.trim().split("\\s+");
                if (f.length == 2 && !f[1].equals("0")) {
                    handshakeMs = now;
                }
            }
            if (establishedMs < 0) {
                lastProtocols = v11.host.sh(5, "birdc -s /run/vpnc/v1-1/bird.ctl show protocols").out();
                if (lastProtocols.lines().anyMatch(l -> l.startsWith("bgp_v2_1 ") && l.contains("Established"))) {
                    establishedMs = now;
                }
            }
            if (pingMs < 0 && (ping == null || handshakeMs >= 0)) {
                if (ping == null) {
                    pingMs = 0; // nothing to ping with: BGP being Established is the traffic check
                } else if (v11.host.sh(5, "ip netns exec private " + ping.formatted("2001:db8:ff::1")).exit() == 0) {
                    pingMs = now;
                }
            }
            NetnsLab.sleep(200);
        }
        log("two gateways: both up.sh in %d ms; from the start of the first up.sh: handshake seen at %d ms, "
                + "ping over the tunnel at %d ms, bgp_v2_1 Established at %d ms (ping: %s)",
                upMs, handshakeMs, pingMs, establishedMs, ping == null ? "none available" : ping);
        assertTrue(handshakeMs >= 0, "no handshake on v1-1 wg-v2-1 within 15 s: " + lastHandshakes);
        assertTrue(establishedMs >= 0, "bgp_v2_1 not Established on v1-1 within 15 s:\n" + lastProtocols);
        assertTrue(pingMs >= 0, "no ping reply from 2001:db8:ff::1 (v2-1) over wg-v2-1 within 15 s");
        if (ping != null) {
            // IPv4 rides on the same tunnel (/31): it works too.
            v11.host.sh(10, "ip netns exec private " + ping4Command().formatted("169.254.1.1")).ok();
        }
        String peer = v21.host.shOk("birdc -s /run/vpnc/v2-1/bird.ctl show protocols");
        assertTrue(peer.lines().anyMatch(l -> l.startsWith("bgp_v1_1 ") && l.contains("Established")),
                "bgp_v1_1 not Established on v2-1:\n" + peer);

        v11.down().ok();
        v21.down().ok();
        assertNothingLeft(v11, "after down.sh (two gateways)");
        assertNothingLeft(v21, "after down.sh (two gateways)");
    }

    // ----------------------------------------------------------------------------------------
    // The emulated gateway

    /** A gateway host with its installed bundle and its secrets folder. */
    record Gateway(String name, Host host, Path bundle, Path secrets) {
        Map<String, String> env() {
            return Map.of("VPNC_SECRETS", secrets.toString());
        }

        String script(String file) {
            return bundle.resolve(file).toString();
        }

        Result up() {
            return host.run(30, env(), script("up.sh"));
        }

        Result down() {
            return host.run(30, Map.of(), script("down.sh"));
        }
    }

    private Gateway gateway(String name) throws IOException {
        Host host = lab.host(name);
        Path compiled = work.resolve("compiled");
        Path bundle = scratch.resolve(name + "-bundle");
        Project.copyTree(compiled.resolve("out").resolve(name), bundle);
        // copyTree copies contents; the scripts must stay executable, as installed.
        for (String s : List.of("up.sh", "down.sh")) {
            Files.setPosixFilePermissions(bundle.resolve(s),
                    Files.getPosixFilePermissions(compiled.resolve("out").resolve(name).resolve(s)));
        }
        Path secrets = scratch.resolve(name + "-secrets");
        Files.createDirectories(secrets);
        Path key = secrets.resolve("private.key");
        Files.copy(compiled.resolve("secrets").resolve(name).resolve("private.key"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path psk = compiled.resolve("secrets").resolve(name).resolve("psk");
        Files.createDirectories(secrets.resolve("psk"));
        try (var files = Files.list(psk)) {
            for (Path f : files.sorted().toList()) {
                Path copy = secrets.resolve("psk").resolve(f.getFileName().toString());
                Files.copy(f, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            }
        }
        return new Gateway(name, host, bundle, secrets);
    }

    /** No private or preshared key of the gateway in a run's output or trace. */
    private static void assertNoSecretIn(Gateway g, Result run, String what) throws IOException {
        List<Path> secrets = new java.util.ArrayList<>(List.of(g.secrets().resolve("private.key")));
        try (var files = Files.list(g.secrets().resolve("psk"))) {
            secrets.addAll(files.sorted().toList());
        }
        assertTrue(secrets.size() > 1, "the gateway has preshared keys: " + secrets);
        for (Path f : secrets) {
            String secret = Files.readString(f).strip();
            assertFalse((run.out() + run.err()).contains(secret), what + " printed the key in " + f.getFileName());
        }
    }

    /** A gateway whose eth0 (uplink, with the endpoint address) and eth1 (LAN) lead to a scratch host. */
    private Gateway gatewayWithScratchPeers(String name, String endpoint) throws IOException {
        Gateway g = gateway(name);
        Host peers = lab.host("peers");
        lab.veth(g.host, "eth0", peers, lab.prefix + "u");
        lab.veth(g.host, "eth1", peers, lab.prefix + "l");
        peers.shOk("set -e; ip link set " + lab.prefix + "u up; ip link set " + lab.prefix + "l up");
        g.host.shOk("set -e; ip addr add " + endpoint + " dev eth0 nodad; ip link set eth0 up; ip link set eth1 up");
        waitForCarrier(g.host, "eth0", "eth1");
        return g;
    }

    /**
     * Waits until the links have carrier (veth carrier follows the peer's state asynchronously,
     * through the kernel's link watch, up to a second later): snapshots must not see it change.
     */
    private static void waitForCarrier(Host host, String... links) {
        host.shOk("""
                for _ in $(seq 50); do
                  ok=yes
                  for l in %s; do
                    # (not /sys/class/net: the sysfs mounted here is the machine's)
                    [ "$(ip -br link show dev "$l" | awk '{print $2}')" = UP ] || ok=no
                  done
                  [ $ok = yes ] && exit 0
                  sleep 0.1
                done
                echo "no carrier on %s" >&2; ip -br link >&2; exit 1
                """.formatted(String.join(" ", links), String.join(" ", links)));
    }

    // ----------------------------------------------------------------------------------------
    // Observations

    /**
     * The state up.sh is responsible for, in the host's namespace and in its private one:
     * links (name, state), addresses, routes, WireGuard configuration of every tunnel (without
     * handshake-dependent lines), the names of BIRD's protocols (their states may change).
     * An address's "tentative" flag is left out: duplicate address detection ends on the kernel's
     * clock (a link-local is tentative for about a second), not by anything up.sh does.
     */
    private static String snapshot(Gateway g) {
        return g.host.shOk("""
                set -u
                echo '## public'
                ip -br link | awk '{print $1, $2}'
                ip addr | sed 's/ tentative//'
                ip -6 route
                ip -4 route
                echo '## namespaces'
                ip netns list | awk '{print $1}'
                if ip -n private link show lo >/dev/null 2>&1; then
                  echo '## private'
                  ip -n private -br link | awk '{print $1, $2}'
                  ip -n private addr | sed 's/ tentative//'
                  ip -n private -6 route
                  ip -n private -4 route
                  for i in $(ip -n private -br link | awk '$1 ~ /^wg-/ {print $1}'); do
                    echo "## wg $i"
                    ip netns exec private wg showconf "$i" | grep -viE 'handshake|transfer'
                  done
                fi
                echo '## bird'
                birdc -s /run/vpnc/%s/bird.ctl show protocols | awk 'NR > 2 {print $1}'
                """.formatted(g.name));
    }

    private static void assertUp(Gateway g, String snapshot) {
        String priv = snapshot.substring(snapshot.indexOf("## private"));
        for (String tunnel : V1_1_TUNNELS) {
            assertTrue(priv.contains("## wg " + tunnel), tunnel + " not configured in private:\n" + snapshot);
        }
        assertTrue(priv.lines().anyMatch(l -> l.startsWith("eth1@") || l.startsWith("eth1 ")), "eth1 not in private:\n" + snapshot);
        assertTrue(priv.contains("inet6 2001:db8:ff::/127"), "wg-v2-1 address missing:\n" + snapshot);
        assertTrue(snapshot.substring(snapshot.indexOf("## bird")).contains("bgp_v2_1"), "BIRD has no bgp_v2_1:\n" + snapshot);
    }

    private static long birdPid(Gateway g) {
        return Long.parseLong(g.host.shOk("cat /run/vpnc/" + g.name + "/bird.pid").trim());
    }

    /**
     * What down.sh must have removed: the private namespace, every tunnel (wherever it is), the
     * LAN interface back in the host's namespace without up.sh's addresses, no wireguard-go or
     * BIRD process in the host, no runtime files (/run/vpnc/HOST, /run/wireguard/wg-*.sock).
     */
    private static void assertNothingLeft(Gateway g, String when) {
        // wireguard-go ends by itself once its interface is deleted, a few ms after down.sh:
        // up to 3 s for the processes to go (and for the holder, PID 1, to reap them).
        String state = g.host.shOk("""
                waited=0
                for _ in $(seq 30); do
                  found=no
                  for d in /proc/[0-9]*; do
                    case $(cat "$d/comm" 2>/dev/null) in wireguard-go|bird) found=yes;; esac
                  done
                  [ $found = no ] && break
                  sleep 0.1; waited=$((waited + 100))
                done
                echo "## waited for processes to end (ms): $waited"
                echo "## netns: $(ip netns list | awk '{print $1}' | tr '\\n' ' ')"
                echo "## links: $(ip -br link | awk '{print $1}' | tr '\\n' ' ')"
                echo "## eth1: $(ip -br addr show dev eth1 2>&1 | tr -s ' ')"
                procs=""
                for d in /proc/[0-9]*; do
                  c=$(cat "$d/comm" 2>/dev/null) || continue
                  case $c in wireguard-go|bird|birdc) procs="$procs ${d#/proc/}:$c:$(cut -d' ' -f3 "$d/stat")";; esac
                done
                echo "## processes:$procs"
                echo "## run/vpnc: $(ls -A /run/vpnc/%1$s 2>&1 | tr '\\n' ' ')"
                echo "## run/wireguard: $(ls -A /run/wireguard 2>/dev/null | tr '\\n' ' ')"
                """.formatted(g.name));
        List<String> left = new ArrayList<>();
        for (String line : state.lines().toList()) {
            String v = line.substring(line.indexOf(':') + 1).trim();
            if (line.startsWith("## netns:") && !v.isEmpty()) {
                left.add("namespaces " + v);
            } else if (line.startsWith("## links:")) {
                List<String> names = List.of(v.split(" ")).stream().map(n -> n.replaceAll("@.*", "")).toList();
                if (!names.containsAll(List.of("eth0", "eth1"))) {
                    left.add("eth0/eth1 not both back in the host's namespace: " + v);
                }
                if (names.stream().anyMatch(n -> n.startsWith("wg-"))) {
                    left.add("tunnel interfaces: " + v);
                }
            } else if (line.startsWith("## eth1:") && (v.contains("2001:db8:f1::2") || v.contains("10.1.1.2") || v.contains("not exist"))) {
                left.add("eth1: " + v);
            } else if (line.startsWith("## processes:") && !v.isEmpty()) {
                left.add("processes (pid:name:state) " + v);
            } else if (line.startsWith("## run/vpnc:") && !v.contains("No such file")) {
                left.add("/run/vpnc/" + g.name + " still there: " + v);
            } else if (line.startsWith("## run/wireguard:") && !v.isEmpty()) {
                left.add("/run/wireguard: " + v);
            }
        }
        state.lines().filter(l -> l.startsWith("## waited") && !l.endsWith(": 0")).forEach(l -> log("%s %s: %s", g.name, when, l));
        if (!left.isEmpty()) {
            fail(g.name + " " + when + ", left behind: " + left + "\n" + state);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Tools

    /** A command (with %s for the address) sending one ICMPv6 echo, or null when none is available. */
    private String pingCommand() {
        if (lab.exec(5, Map.of(), List.of("bash", "-c", "command -v ping")).exit() == 0) {
            return "ping -6 -n -c 1 -W 1 %s";
        }
        if (hasPerlPing()) {
            return "perl -MNet::Ping -e 'exit(Net::Ping->new(\"icmpv6\")->ping($ARGV[0], 1) ? 0 : 1)' %s";
        }
        return null;
    }

    private String ping4Command() {
        if (lab.exec(5, Map.of(), List.of("bash", "-c", "command -v ping")).exit() == 0) {
            return "ping -4 -n -c 1 -W 1 %s";
        }
        return "perl -MNet::Ping -e 'exit(Net::Ping->new(\"icmp\")->ping($ARGV[0], 1) ? 0 : 1)' %s";
    }

    private boolean hasPerlPing() {
        return lab.exec(5, Map.of(), List.of("perl", "-MNet::Ping", "-e", "exit(Net::Ping->can('new') ? 0 : 1)")).exit() == 0;
    }

    private static void require(boolean condition, String why) {
        if (!condition) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + " (required in CI)");
            }
            Assumptions.abort(why);
        }
    }

    private static int effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[2]);
            }
        }
        return -1;
    }

    private static void log(String format, Object... args) {
        System.out.println("[ScriptsInNamespacesTest] " + String.format(Locale.ROOT, format, args));
    }
}
