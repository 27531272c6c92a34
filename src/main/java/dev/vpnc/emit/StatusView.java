package dev.vpnc.emit;

import java.util.List;

/**
 * What a host's {@code status.sh} compares the live state with: the compiler's intent, printed
 * into the script as data by {@code templates/<kind>/status.sh.ftl}. Built by {@link StatusViews}.
 *
 * @param network   the network's name
 * @param host      the host's name (also a label of every metric)
 * @param site      its site
 * @param kind      {@code gateway} or {@code internal router}, for the script's header and output
 * @param namespace a gateway's private namespace; empty for an internal router (its default one)
 * @param runDir    where its BIRD sockets are ({@code /run/vpnc/HOST}), as up.sh names it
 * @param daemons   its BIRD daemons (one, or bird6 and bird for BIRD 1.6), numbered by position; empty on FRR
 * @param pathspace on FRR, its instance ({@code vpnc-HOST}, what {@code vtysh -N} reaches); empty on BIRD
 * @param frrDaemons on FRR, the instance's daemons (zebra first), numbered by position; empty on BIRD
 * @param tunnels   a gateway's tunnels, by interface name; empty on a router
 * @param sessions  every BGP session, BFD session and OSPF neighbor its BIRD or FRR should have
 * @param routes    every remote prefix it should route, with the next hops that carry it
 * @param files     the other files of its bundle with their SHA-256, as the manifest has them
 * @param units     its systemd units (file names), also compared where systemd reads them
 * @param probe     the address its site's health probe pings, empty without one
 * @param probeFile the probe's state file (present: this gateway withdrew its site's routes)
 */
public record StatusView(String network, String host, String site, String kind, String namespace, String runDir,
                         List<HostViews.Daemon> daemons, String pathspace, List<String> frrDaemons,
                         List<Tunnel> tunnels, List<Session> sessions, List<Route> routes, List<FileSum> files,
                         List<String> units, String probe, String probeFile) {
    public StatusView {
        daemons = List.copyOf(daemons);
        frrDaemons = List.copyOf(frrDaemons);
        if (pathspace.isEmpty() != frrDaemons.isEmpty() || !pathspace.isEmpty() && !daemons.isEmpty()) {
            throw new IllegalArgumentException("a host runs BIRD (daemons) or FRR (pathspace and its daemons)");
        }
        tunnels = List.copyOf(tunnels);
        sessions = List.copyOf(sessions);
        routes = List.copyOf(routes);
        files = List.copyOf(files);
        units = List.copyOf(units);
    }

    /** A gateway: its tunnels, namespace and firewall tables are looked at too. */
    public boolean gateway() {
        return !namespace.isEmpty();
    }

    /** A host on FRR: its sessions are read with vtysh, not birdc. */
    public boolean frr() {
        return !pathspace.isEmpty();
    }

    /** One tunnel: its interface, the gateway at its other end and the BGP session over it. */
    public record Tunnel(String ifname, String peer, String peerSite, String session) {
    }

    /**
     * One session BIRD or FRR should have.
     *
     * @param kind     {@code BGP}, {@code BFD} or {@code OSPF}
     * @param name     how it is shown: a BGP protocol's name, {@code bfd:ADDRESS}, {@code OSPF_INSTANCE:PEER};
     *                 on a BIRD 1.6 host, after its daemon's name ({@code bird6:bgp_v2_1}); on FRR, the
     *                 BGP session as BIRD names it and the OSPF instance as its daemon ({@code ospf6:r1})
     * @param peer     the host at its other end
     * @param daemon   index of the daemon that runs it in {@link #daemons} (BIRD) or {@link #frrDaemons} (FRR)
     * @param key      what finds it in birdc's output: the protocol name (BGP), the neighbor's
     *                 address (BFD), the neighbor's router id (OSPF); in vtysh's: the neighbor's
     *                 address (BGP, BFD), its router id (OSPF)
     * @param instance the OSPF protocol asked ({@code show ospf neighbors NAME}), on FRR {@code ospf6} or
     *                 {@code ospf} ({@code show ipv6 ospf6 neighbor}, {@code show ip ospf neighbor});
     *                 {@code -} otherwise
     */
    public record Session(String kind, String name, String peer, int daemon, String key, String instance) {
    }

    /**
     * One remote prefix and the next hops that should carry it (ECMP).
     *
     * @param remoteSite the site it belongs to
     * @param family     {@code 6} or {@code 4} ({@code ip -6}, {@code ip -4})
     * @param prefix     the prefix, as ip prints it
     * @param match      how a next hop of the kernel route is named: {@code dev} (a gateway's
     *                   tunnel interface: IPv4 routes learned over an IPv6 session have IPv6 next
     *                   hops), {@code via} (a router's gateway, by its LAN address), or
     *                   {@code any} (OSPF, whose IPv6 next hops are link-local: counted only)
     * @param expected   the next hops, as {@code match} names them
     */
    public record Route(String remoteSite, String family, String prefix, String match, List<String> expected) {
        public Route {
            expected = List.copyOf(expected);
        }
    }

    /** One file of the bundle, relative to it, and the SHA-256 of its bytes (UTF-8). */
    public record FileSum(String path, String sha256) {
    }
}
