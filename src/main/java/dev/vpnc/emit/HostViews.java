package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.LanAddress;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Views of one host for the scripts, units and README: derived names, addresses with lengths. */
final class HostViews {
    /** Where a bundle is installed; the scripts themselves find their files relative to their own location. */
    static final String INSTALL_DIR = "/etc/vpnc";

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

    public record Gateway(String network, GatewayPlan plan, String runDir, String lanInterface,
                          List<Address> lanAddresses, List<Tunnel> tunnels) {
        public Gateway {
            lanAddresses = List.copyOf(lanAddresses);
            tunnels = List.copyOf(tunnels);
        }
    }

    public record Router(String network, RouterPlan plan, String runDir, List<Address> lanAddresses) {
        public Router {
            lanAddresses = List.copyOf(lanAddresses);
        }
    }

    /**
     * What the two systemd units of a host differ in.
     *
     * @param runtimeDirectory the run directory relative to /run (systemd's RuntimeDirectory)
     * @param birdCommand BIRD in the foreground, wrapped in {@code ip netns exec} on gateways
     */
    public record Units(String network, String host, String description, String installDir,
                        String runtimeDirectory, String birdCommand, String birdc) {
    }

    static Gateway gateway(String network, GatewayPlan gw) {
        name(gw.name());
        name(gw.namespace());
        name(gw.uplink());
        gw.lanInterfaces().forEach(HostViews::name);
        gw.neighbors().forEach(n -> name(n.host()));
        List<Tunnel> tunnels = new ArrayList<>();
        for (TunnelEnd t : gw.tunnels()) {
            name(t.ifname());
            name(t.peerHost());
            key(t.peerPublicKey());
            if (t.presharedKey() && !SAFE_FILE.matcher(t.pskFile()).matches()) {
                throw new IllegalArgumentException("unsafe preshared key file name: " + t.pskFile());
            }
            List<Address> addresses = new ArrayList<>();
            addresses.add(address(t.local6(), 127));
            if (t.hasIpv4()) {
                addresses.add(address(t.local4(), 31));
            }
            tunnels.add(new Tunnel(t, addresses));
        }
        return new Gateway(network, gw, runDir(gw.name()), gw.lanInterfaces().get(0), lanAddresses(gw.lan()), tunnels);
    }

    static Router router(String network, RouterPlan r) {
        name(r.name());
        name(r.lanInterface());
        r.hostInterfaces().forEach(HostViews::name);
        r.gateways().forEach((Neighbor n) -> name(n.host()));
        return new Router(network, r, runDir(r.name()), lanAddresses(r.lan()));
    }

    static Units units(String network, GatewayPlan gw) {
        String run = runDir(gw.name());
        return new Units(network, gw.name(), "gateway " + gw.name() + " of site " + gw.site(), INSTALL_DIR,
                run.substring("/run/".length()),
                "/usr/bin/ip netns exec " + gw.namespace() + " " + birdForeground(run), birdc(run));
    }

    static Units units(String network, RouterPlan r) {
        String run = runDir(r.name());
        return new Units(network, r.name(), "internal router " + r.name() + " of site " + r.site(), INSTALL_DIR,
                run.substring("/run/".length()),
                birdForeground(run), birdc(run));
    }

    private static String birdForeground(String runDir) {
        return "/usr/sbin/bird -f -c " + INSTALL_DIR + "/bird.conf -s " + runDir + "/bird.ctl";
    }

    private static String birdc(String runDir) {
        return "/usr/sbin/birdc -s " + runDir + "/bird.ctl";
    }

    /** Run directory of a host: BIRD's control socket and pid file; also systemd's RuntimeDirectory. */
    private static String runDir(String host) {
        return "/run/vpnc/" + host;
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
        if (!SAFE_ADDRESS.matcher(ip).matches()) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        return new Address(ip + "/" + length, ip + (ip.contains(":") ? "/128" : "/32"));
    }

    private static void name(String name) {
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
