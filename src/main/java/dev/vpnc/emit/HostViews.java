package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.LanAddress;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.RunDir;
import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.resolve.RoutingSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Views of one host for the scripts, units and README: derived names, addresses with lengths. */
final class HostViews {
    /** Where a bundle is installed; the scripts themselves find their files relative to their own location. */
    static final String INSTALL_DIR = "/etc/vpnc";
    /** The unit that runs a host's FRR instance. */
    static final String FRR_UNIT = "vpnc-frr.service";

    /** Names printed inside double-quoted shell words and BIRD strings: nothing that quotes, expands or escapes. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_=+.@-]+");
    private static final Pattern SAFE_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");
    private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9_=+.@-]+(/[A-Za-z0-9_=+.@-]+)*");

    private HostViews() {
    }

    /** An address this host puts on an interface, and the host-length form that selects exactly it. */
    public record Address(String cidr, String exact) {
    }

    /** A tunnel with the addresses of this end on its interface. */
    public record Tunnel(TunnelEnd end, List<Address> addresses) {
        public Tunnel {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * One BIRD daemon of a host, with its files in the bundle and in the run directory.
     *
     * @param binary    the executable ({@code bird}, {@code bird6})
     * @param binaryVar the up.sh variable holding it, overridable from the environment ({@code BIRD}, {@code BIRD6})
     * @param birdc     its client ({@code birdc}, {@code birdc6})
     * @param birdcVar  the variable holding the client ({@code BIRDC}, {@code BIRDC6})
     * @param conf      its config, relative to the bundle
     * @param ctl       control socket name in the run directory
     * @param pid       pid file name in the run directory
     * @param unit      the systemd unit running it
     * @param name      the daemon in prose ({@code BIRD}, {@code bird6})
     * @param family    the family it routes when it routes one ({@code IPv6}), or empty for both
     */
    public record Daemon(String binary, String binaryVar, String birdc, String birdcVar, String conf, String ctl,
                         String pid, String unit, String name, String family) {
        /** The daemon and its family, for comments: {@code BIRD}, {@code bird6 (IPv6)}. */
        public String role() {
            return family.isEmpty() ? name : name + " (" + family + ")";
        }
    }

    /**
     * @param daemons the BIRD daemons up.sh starts and down.sh stops, in start order; none on FRR
     * @param bird16  true for the BIRD 1.6 target
     * @param frr     the FRR instance of a host on FRR, null on BIRD
     */
    public record Gateway(String network, GatewayPlan plan, String runDir, String lanInterface,
                          List<Address> lanAddresses, List<Tunnel> tunnels, List<Daemon> daemons, boolean bird16,
                          Frr frr) {
        public Gateway {
            lanAddresses = List.copyOf(lanAddresses);
            tunnels = List.copyOf(tunnels);
            daemons = List.copyOf(daemons);
        }

        /** The file probe.sh writes while its site's probe fails, which the BIRD configs include. */
        public String probeFile() {
            return RunDir.probeFailed(plan.name());
        }

        /** The tunnels with a preshared key, whose files the host's secrets folder must hold. */
        public List<TunnelEnd> pskTunnels() {
            return plan.tunnels().stream().filter(TunnelEnd::presharedKey).toList();
        }
    }

    public record Router(String network, RouterPlan plan, String runDir, List<Address> lanAddresses,
                         List<Daemon> daemons, boolean bird16, Frr frr) {
        public Router {
            lanAddresses = List.copyOf(lanAddresses);
            daemons = List.copyOf(daemons);
        }
    }

    /**
     * What the systemd units of a host differ in. A host has vpnc.service and one BIRD unit per
     * daemon, each rendered from one {@code Units} whose {@code bird*} fields describe that daemon.
     *
     * @param runtimeDirectory the run directory relative to /run (systemd's RuntimeDirectory)
     * @param namespace   a gateway's private network namespace, where its BIRD units run
     *                    (NetworkNamespacePath=); empty for an internal router, whose BIRD runs
     *                    in the host's own
     * @param birdCheck   BIRD parsing its configuration without starting ({@code bird -p -c FILE})
     * @param birdCommand BIRD in the foreground
     * @param birdUnit    file name of this daemon's unit
     * @param birdUnits   every BIRD unit of the host (vpnc.service wants them all)
     * @param birdRole    what the daemon of this unit is, for its description
     */
    public record Units(String network, String host, String description, String installDir,
                        String runtimeDirectory, String namespace, String birdCheck, String birdCommand,
                        String birdc, String birdUnit, List<String> birdUnits, String birdRole, Frr frr) {
        public Units {
            birdUnits = List.copyOf(birdUnits);
        }

        /** A gateway: its scripts name and enter the private namespace. */
        public boolean gateway() {
            return !namespace.isEmpty();
        }
    }

    static Gateway gateway(String network, GatewayPlan gw) {
        checkName(gw.name());
        checkName(gw.namespace());
        checkName(gw.uplink());
        gw.lanInterfaces().forEach(HostViews::checkName);
        gw.neighbors().forEach(n -> checkName(n.host()));
        if (gw.probe() != null) {
            checkAddress(gw.probe().address());
            checkAddress(gw.probe().source());
        }
        List<Tunnel> tunnels = new ArrayList<>();
        for (TunnelEnd t : gw.tunnels()) {
            checkName(t.ifname());
            checkName(t.peerHost());
            key(t.peerPublicKey());
            if (t.presharedKey() && !SAFE_FILE.matcher(t.pskFile()).matches()) {
                throw new IllegalArgumentException("unsafe preshared key file name: " + t.pskFile());
            }
            List<Address> addresses = new ArrayList<>();
            addresses.add(address(t.local6(), TunnelEnd.LINK_PREFIX6));
            if (t.hasIpv4()) {
                addresses.add(address(t.local4(), TunnelEnd.LINK_PREFIX4));
            }
            if (gw.routing() == RoutingSuite.FRR) {
                addresses.add(address(Frr.linkLocal(t), 64));
            }
            tunnels.add(new Tunnel(t, addresses));
        }
        return new Gateway(network, gw, RunDir.of(gw.name()), gw.lanInterfaces().get(0), lanAddresses(gw.lan()), tunnels,
                daemons(gw.routing(), gw.ipv4()), gw.routing() == RoutingSuite.BIRD16,
                gw.routing() == RoutingSuite.FRR ? Frr.of(gw.name(), gw.inside(), gw.ipv4(), true) : null);
    }

    static Router router(String network, RouterPlan r) {
        checkName(r.name());
        checkName(r.lanInterface());
        r.hostInterfaces().forEach(HostViews::checkName);
        r.gateways().forEach((Neighbor n) -> checkName(n.host()));
        return new Router(network, r, RunDir.of(r.name()), lanAddresses(r.lan()), daemons(r.routing(), r.ipv4()),
                r.routing() == RoutingSuite.BIRD16, r.routing() == RoutingSuite.FRR ? Frr.of(r.name(), r.inside(), r.ipv4(), false) : null);
    }

    /** The units of a gateway's BIRD daemons, in start order. */
    static List<Units> units(String network, GatewayPlan gw) {
        checkName(gw.namespace());
        String description = "gateway " + gw.name() + " of site " + gw.site();
        if (gw.routing() == RoutingSuite.FRR) {
            return frrUnits(network, gw.name(), description, gw.namespace(), Frr.of(gw.name(), gw.inside(), gw.ipv4(), true));
        }
        return units(network, gw.name(), description, gw.namespace(), daemons(gw.routing(), gw.ipv4()));
    }

    static List<Units> units(String network, RouterPlan r) {
        String description = "internal router " + r.name() + " of site " + r.site();
        if (r.routing() == RoutingSuite.FRR) {
            return frrUnits(network, r.name(), description, "", Frr.of(r.name(), r.inside(), r.ipv4(), false));
        }
        return units(network, r.name(), description, "", daemons(r.routing(), r.ipv4()));
    }

    /** One unit, vpnc-frr.service, runs the host's whole FRR instance through the bundle's frr.sh. */
    private static List<Units> frrUnits(String network, String host, String description, String namespace, Frr frr) {
        checkName(host);
        String run = RunDir.of(host);
        return List.of(new Units(network, host, description, INSTALL_DIR, run.substring("/run/".length()), namespace,
                "/usr/bin/vtysh -C -f " + INSTALL_DIR + "/frr.conf", INSTALL_DIR + "/frr.sh start",
                "/usr/bin/vtysh -N " + frr.pathspace(), FRR_UNIT, List.of(FRR_UNIT), "FRR routing daemons", frr));
    }

    private static List<Units> units(String network, String host, String description, String namespace,
                                     List<Daemon> daemons) {
        checkName(host);
        String run = RunDir.of(host);
        List<String> unitNames = daemons.stream().map(Daemon::unit).toList();
        return daemons.stream().map(d -> new Units(network, host, description, INSTALL_DIR,
                run.substring("/run/".length()), namespace, birdCheck(d), birdForeground(d, run), birdc(d, run),
                d.unit(), unitNames, role(d), null)).toList();
    }

    /** The daemons of a target; a BIRD 1.6 host that carries no IPv4 has nothing for bird to do. */
    static List<Daemon> daemons(RoutingSuite target, boolean ipv4) {
        return RoutingTarget.of(target).daemons(ipv4);
    }

    private static String role(Daemon d) {
        return d == RoutingTarget.Bird2.DAEMON ? "BIRD routing daemon" : "BIRD 1.6 routing daemon " + d.role();
    }

    private static String birdCheck(Daemon d) {
        return "/usr/sbin/" + d.binary() + " -p -c " + INSTALL_DIR + "/" + d.conf();
    }

    private static String birdForeground(Daemon d, String runDir) {
        return "/usr/sbin/" + d.binary() + " -f -c " + INSTALL_DIR + "/" + d.conf() + " -s " + runDir + "/" + d.ctl();
    }

    private static String birdc(Daemon d, String runDir) {
        return "/usr/sbin/" + d.birdc() + " -s " + runDir + "/" + d.ctl();
    }

    private static List<Address> lanAddresses(LanAddress lan) {
        List<Address> addresses = new ArrayList<>();
        addresses.add(address(lan.ipv6(), lan.ipv6Length()));
        if (lan.hasIpv4()) {
            addresses.add(address(lan.ipv4(), lan.ipv4Length()));
        }
        return addresses;
    }

    private static Address address(String ip, int length) {
        checkAddress(ip);
        return new Address(ip + "/" + length, ip + (ip.contains(":") ? "/128" : "/32"));
    }

    /** Only hex digits, colons and dots reach a generated script or rule as an address. */
    static String checkAddress(String ip) {
        if (!SAFE_ADDRESS.matcher(ip).matches()) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        return ip;
    }

    /** Only safe characters reach a generated script as a name (see SAFE_NAME). */
    static void checkName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unsafe name in generated scripts: " + name);
        }
    }

    private static void key(String key) {
        if (!SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a base64 WireGuard key: " + key);
        }
    }
}
