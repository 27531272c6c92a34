package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.lab.LabLayout.Rt;
import dev.vpnc.lab.LabLayout.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A running lab: its layout, its state on disk and its holders. Builds hosts and links, runs
 * the bundles' up.sh, crashes and brings back gateways.
 */
public final class Lab {
    private final LabLayout layout;
    private final LabState state;
    private final Path bundles;
    private final Path secrets;
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();

    private Lab(LabLayout layout, LabState state, Path bundles, Path secrets) {
        this.layout = layout;
        this.state = state;
        this.bundles = bundles;
        this.secrets = secrets;
    }

    /** A new lab: state directory with its bundles (already written by the caller). */
    static Lab create(LabLayout layout, LabState state, Path secrets) {
        Lab lab = new Lab(layout, state, state.dir().resolve("bundles"), secrets);
        try {
            Files.createDirectories(state.dir().resolve("logs"));
            Files.writeString(state.dir().resolve("hosts"), layout.hostsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.save();
        return lab;
    }

    /** The lab {@code lab up} left running, for {@code lab test}. */
    static Lab attach(LabLayout layout, LabState state, Path secrets) {
        Lab lab = new Lab(layout, state, state.dir().resolve("bundles"), secrets);
        for (LabState.Entry e : state.holders()) {
            Holder h = new Holder(e.host(), e.marker(), e.unsharePid(), e.pid());
            if (!h.alive()) {
                throw new LabException("host " + e.host() + " of the lab is not running (pid " + e.pid()
                        + "): run `vpnc lab down` then `vpnc lab up` again");
            }
            lab.holders.put(e.host(), h);
        }
        for (String name : layout.hostNames()) {
            if (!lab.holders.containsKey(name)) {
                throw new LabException("host " + name + " is not in the running lab (was the .vpn changed since `vpnc lab up`?)");
            }
        }
        return lab;
    }

    Path stateDir() {
        return state.dir();
    }

    public LabLayout layout() {
        return layout;
    }

    public Holder host(String name) {
        Holder h = holders.get(name);
        if (h == null) {
            throw new LabException("no host " + name + " in the lab");
        }
        return h;
    }

    String marker(String host) {
        return "vpnc-lab:" + layout.network() + ":" + host;
    }

    Holder start(String name) {
        String marker = marker(name);
        Holder h = Holder.start(name, marker, state.dir(), state.dir().resolve("logs").resolve(name.replace('+', '_') + ".log"),
                pb -> state.launch(pb, name, marker), LabState.TIED);
        state.record(new LabState.Entry(name, h.unsharePid(), h.pid(), marker));
        holders.put(name, h);
        return h;
    }

    /** Starts every holder and wires the underlay, the LANs and each host (no up.sh yet). */
    void build() {
        List<String> all = new ArrayList<>(layout.infrastructure());
        all.addAll(layout.hostNames());
        parallel(all, n -> start(n));
        Holder wan = host(LabLayout.WAN);
        wan.shOk("underlay router", "sysctl -q -w net.ipv6.conf.all.forwarding=1 net.ipv4.ip_forward=1");
        parallel(layout.sites(), s -> host(s.holder()).shOk("site LAN bridge",
                "ip link add " + LabLayout.IF + "br type bridge\nip link set " + LabLayout.IF + "br up"));
        // Links are created one by one (ip link add between namespaces), then configured in parallel.
        for (Gw g : layout.gateways()) {
            linkGateway(g);
        }
        for (Rt r : layout.routers()) {
            link(r.plan().lanInterface(), host(r.plan().name()), r.lanPort(), host(siteOf(r).holder()));
        }
        List<Runnable> config = new ArrayList<>();
        layout.gateways().forEach(g -> config.add(() -> configureGateway(g)));
        layout.routers().forEach(r -> config.add(() -> configureRouter(r)));
        parallel(config, Runnable::run);
    }

    private Site siteOf(Rt r) {
        return layout.sites().stream().filter(s -> s.name().equals(r.plan().site())).findFirst().orElseThrow();
    }

    private void linkGateway(Gw g) {
        Holder gw = host(g.plan().name());
        link(g.plan().uplink(), gw, g.wanPort(), host(LabLayout.WAN), mac(g.index(), 1));
        link(g.plan().lanInterfaces().get(0), gw, g.lanPort(), host(layout.site(g.plan()).holder()), mac(g.index(), 2));
    }

    /**
     * The MAC address of a gateway's uplink (1) or LAN interface (2), the same each time the
     * gateway comes back, as a real machine's: with a new one, its neighbors would send to the
     * old address until their neighbor entry expires (seconds of loss after a return). Locally
     * administered, "vl" in the second and third bytes.
     */
    private static String mac(int gateway, int nic) {
        return String.format("02:76:6c:%02x:%02x:%02x", (gateway >> 8) & 0xff, gateway & 0xff, nic);
    }

    private static void link(String nameInA, Holder a, String nameInB, Holder b) {
        link(nameInA, a, nameInB, b, null);
    }

    /** A veth pair created straight between two holders: it never exists in the machine's namespace. */
    private static void link(String nameInA, Holder a, String nameInB, Holder b, String macInA) {
        List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", nameInA));
        if (macInA != null) {
            cmd.addAll(List.of("address", macInA));
        }
        cmd.addAll(List.of("netns", Long.toString(a.pid()), "type", "veth", "peer", "name", nameInB, "netns", Long.toString(b.pid())));
        Shell.Result r = Shell.run(10, Map.of(), cmd);
        if (!r.ok()) {
            throw new LabException("cannot link " + a.name() + " and " + b.name() + ":\n" + r.describe());
        }
    }

    private void configureGateway(Gw g) {
        String w = g.wanPort();
        host(LabLayout.WAN).shOk("underlay port of " + g.plan().name(), String.join("\n",
                "ip link set " + w + " up",
                "ip addr add " + LabLayout.WAN_LINK6 + "/64 dev " + w + " nodad",
                "ip addr add " + LabLayout.WAN_LINK4 + "/32 dev " + w,
                "ip -6 route replace " + g.v6() + "/128 dev " + w,
                "ip -4 route replace " + g.v4() + "/32 dev " + w));
        host(layout.site(g.plan()).holder()).shOk("LAN port of " + g.plan().name(),
                "ip link set " + g.lanPort() + " master " + LabLayout.IF + "br up");
        String up = g.plan().uplink();
        StringBuilder sh = new StringBuilder(String.join("\n",
                "ip link set " + up + " up",
                "ip addr add " + g.v6() + "/128 dev " + up + " nodad",
                "ip addr add " + g.v4() + "/32 dev " + up,
                "ip -6 route add default via " + LabLayout.WAN_LINK6 + " dev " + up,
                "ip -4 route add default via " + LabLayout.WAN_LINK4 + " dev " + up + " onlink",
                "ip link set " + g.plan().lanInterfaces().get(0) + " up", ""));
        List<String> extra = g.plan().lanInterfaces().subList(1, g.plan().lanInterfaces().size());
        for (int k = 0; k < extra.size(); k++) {
            sh.append(selfVeth(extra.get(k), LabLayout.IF + "x" + k));
        }
        host(g.plan().name()).shOk("uplink and LAN of " + g.plan().name(), sh.toString());
    }

    private void configureRouter(Rt r) {
        host(siteOf(r).holder()).shOk("LAN port of " + r.plan().name(), "ip link set " + r.lanPort() + " master " + LabLayout.IF + "br up");
        StringBuilder sh = new StringBuilder("ip link set " + r.plan().lanInterface() + " up\n");
        List<String> hostIfs = r.plan().hostInterfaces();
        for (int k = 0; k < hostIfs.size(); k++) {
            sh.append(selfVeth(hostIfs.get(k), LabLayout.IF + "h" + k));
        }
        if (!hostIfs.isEmpty()) {
            for (String a : r.v6()) {
                sh.append("ip addr add ").append(a).append(" dev ").append(hostIfs.get(0)).append(" nodad\n");
            }
            for (String a : r.v4()) {
                sh.append("ip addr add ").append(a).append(" dev ").append(hostIfs.get(0)).append('\n');
            }
        }
        host(r.plan().name()).shOk("host interfaces of " + r.plan().name(), sh.toString());
    }

    /** An interface that is up with carrier and leads nowhere: a veth whose peer stays beside it. */
    private static String selfVeth(String name, String peer) {
        return "ip link add " + name + " type veth peer name " + peer + "\nip link set " + peer + " up\nip link set " + name + " up\n";
    }

    /** Runs the host's own up.sh, unmodified, with its secrets folder. */
    Shell.Result upSh(String host) {
        return host(host).run(60, Map.of("VPNC_SECRETS", secrets.resolve(host).toAbsolutePath().toString()),
                List.of(bundles.resolve(host).resolve("up.sh").toAbsolutePath().toString()));
    }

    /** Runs the host's own reload.sh, unmodified, with its secrets folder. */
    Shell.Result reloadSh(String host) {
        return reloadSh(host, Map.of());
    }

    /** reload.sh with more environment (VPNC_RELOAD_WAIT). */
    Shell.Result reloadSh(String host, Map<String, String> env) {
        Map<String, String> all = new TreeMap<>(env);
        all.put("VPNC_SECRETS", secrets.resolve(host).toAbsolutePath().toString());
        return host(host).run(120, all, List.of(bundles.resolve(host).resolve("reload.sh").toAbsolutePath().toString()));
    }

    /** The reload.sh of another compile of the network (a key rotation's), with that compile's key store. */
    Shell.Result reloadSh(String host, Path otherBundles, Path otherSecrets) {
        return host(host).run(120, Map.of("VPNC_SECRETS", otherSecrets.resolve(host).toAbsolutePath().toString()),
                List.of(otherBundles.resolve(host).resolve("reload.sh").toAbsolutePath().toString()));
    }

    /** The bundles this lab was brought up with, and its key store. */
    Path bundles() {
        return bundles;
    }

    Path secrets() {
        return secrets;
    }

    /** Runs the host's own down.sh, unmodified. */
    Shell.Result downSh(String host) {
        return host(host).run(60, Map.of(), List.of(bundles.resolve(host).resolve("down.sh").toAbsolutePath().toString()));
    }

    void upShOk(String host) {
        Shell.Result r = upSh(host);
        if (!r.ok()) {
            throw new LabException("up.sh of " + host + " failed:\n" + r.describe());
        }
    }

    /**
     * up.sh, then the gateway's health probe when its site has one: probe.sh runs for ever in the
     * host, as vpnc-probe.service would after vpnc.service (it ends with the host).
     */
    void bringUp(String host) {
        upShOk(host);
        Path probe = bundles.resolve(host).resolve("probe.sh").toAbsolutePath();
        if (Files.isRegularFile(probe)) {
            Path log = state.dir().resolve("logs").resolve(host.replace('+', '_') + "-probe.log").toAbsolutePath();
            host(host).shOk("probe.sh", "nohup '" + probe + "' >>'" + log + "' 2>&1 </dev/null &");
        }
    }

    /**
     * A gateway's crash: its links are cut first (from the far side: the veth pairs vanish), so
     * that no BGP notification or BFD "down" escapes, then its holder is killed with everything
     * in it. The peers must find out by themselves.
     */
    void crash(Gw g) {
        // Both links at once, as a machine that loses power: one after the other, the LAN went
        // three process starts (nsenter, bash, ip: about 30 ms here) after the uplink, and the
        // failover of a flow detected on the LAN side measured that much longer.
        parallel(List.of(
                (Runnable) () -> host(LabLayout.WAN).run(10, Map.of(), List.of("ip", "link", "del", g.wanPort())),
                () -> host(layout.site(g.plan()).holder()).run(10, Map.of(), List.of("ip", "link", "del", g.lanPort()))),
                Runnable::run);
        Holder h = holders.remove(g.plan().name());
        if (!h.kill()) {
            throw new LabException("the holder of " + g.plan().name() + " (pid " + h.pid() + ") did not die");
        }
        state.forget(g.plan().name());
    }

    /**
     * Brings a crashed gateway back: a new host, its links, its up.sh. Returns when up.sh
     * started (epoch seconds): what the emulation does before is not the bundle's time.
     */
    double revive(Gw g) {
        start(g.plan().name());
        linkGateway(g);
        configureGateway(g);
        double upShAt = System.currentTimeMillis() / 1000.0;
        bringUp(g.plan().name());
        return upShAt;
    }

    static <T> void parallel(List<T> items, Consumer<T> action) {
        parallelMap(items, t -> {
            action.accept(t);
            return null;
        });
    }

    static <T, R> List<R> parallelMap(List<T> items, Function<T, R> action) {
        return parallelMap(items, 16, action);
    }

    /** As {@link #parallelMap(List, Function)}, with at most {@code threads} items at a time. */
    static <T, R> List<R> parallelMap(List<T> items, int threads, Function<T, R> action) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(items.size(), threads)));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T t : items) {
                futures.add(pool.submit(() -> action.apply(t)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new LabException(e.getCause().toString());
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }
}
