package dev.vpnc.emit;

import dev.vpnc.emit.HostViews.Daemon;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.resolve.RoutingSuite;
import java.util.List;
import java.util.Set;

/**
 * What a routing target renders and how a host running it behaves, declared in one place per
 * target (as Aerleon's generators declare theirs): the BIRD daemons up.sh starts and systemd
 * runs, the configuration files of a bundle, how reload.sh applies a new bundle, and whether
 * its BGP sessions carry one address family each. The emitter asks the target; it never
 * compares versions.
 */
sealed interface RoutingTarget permits RoutingTarget.Bird2, RoutingTarget.Bird16, RoutingTarget.Frr {
    /** One configuration file of a bundle: its path in the host's folder, its template and view. */
    record ConfigFile(String file, String template, Object view) {
    }

    /** The daemons, in start order; {@code ipv4}: the host carries IPv4. */
    List<Daemon> daemons(boolean ipv4);

    /**
     * @param oneFamilyHosts hosts whose sessions carry one family each: a BIRD 2 neighbor gives
     *                       them one session per family
     */
    List<ConfigFile> configs(String network, GatewayPlan gw, Set<String> oneFamilyHosts);

    List<ConfigFile> configs(String network, RouterPlan r, Set<String> oneFamilyHosts);

    /** The template of reload.sh for a host of this {@code kind} ({@code gateway}, {@code router}). */
    String reloadTemplate(String kind);

    /** Whether each BGP session of this target carries one address family (two sessions per neighbor). */
    boolean oneFamilyPerSession();

    static RoutingTarget of(RoutingSuite target) {
        return switch (target) {
            case BIRD2 -> Bird2.INSTANCE;
            case BIRD16 -> Bird16.INSTANCE;
            case FRR -> Frr.INSTANCE;
        };
    }

    /** BIRD 2: one daemon and one bird.conf for both families; a new configuration taken on probation. */
    record Bird2() implements RoutingTarget {
        static final Bird2 INSTANCE = new Bird2();
        static final Daemon DAEMON = new Daemon("bird", "BIRD", "birdc", "BIRDC", "bird.conf", "bird.ctl", "bird.pid",
                "vpnc-bird.service", "BIRD", "");

        @Override
        public List<Daemon> daemons(boolean ipv4) {
            return List.of(DAEMON);
        }

        @Override
        public List<ConfigFile> configs(String network, GatewayPlan gw, Set<String> oneFamilyHosts) {
            return List.of(new ConfigFile("bird.conf", "common/bird.conf.ftl", BirdViews.gateway(network, gw, oneFamilyHosts)));
        }

        @Override
        public List<ConfigFile> configs(String network, RouterPlan r, Set<String> oneFamilyHosts) {
            return List.of(new ConfigFile("bird.conf", "common/bird.conf.ftl", BirdViews.router(network, r, oneFamilyHosts)));
        }

        @Override
        public String reloadTemplate(String kind) {
            return kind + "/reload.sh.ftl";
        }

        @Override
        public boolean oneFamilyPerSession() {
            return false;
        }
    }

    /**
     * BIRD 1.6, as in the reference article: bird6 (bird6.conf) routes IPv6 and bird (bird.conf)
     * IPv4, on hosts that carry it. Its daemons take no configuration on probation, so a host
     * applies a new bundle with up.sh, which is idempotent.
     */
    record Bird16() implements RoutingTarget {
        static final Bird16 INSTANCE = new Bird16();
        static final Daemon V6 = new Daemon("bird6", "BIRD6", "birdc6", "BIRDC6", "bird6.conf", "bird6.ctl", "bird6.pid",
                "vpnc-bird6.service", "bird6", "IPv6");
        static final Daemon V4 = new Daemon("bird", "BIRD", "birdc", "BIRDC", "bird.conf", "bird.ctl", "bird.pid",
                "vpnc-bird.service", "bird", "IPv4");

        @Override
        public List<Daemon> daemons(boolean ipv4) {
            return ipv4 ? List.of(V6, V4) : List.of(V6);
        }

        @Override
        public List<ConfigFile> configs(String network, GatewayPlan gw, Set<String> oneFamilyHosts) {
            return files(Bird16Views.gateway(network, gw));
        }

        @Override
        public List<ConfigFile> configs(String network, RouterPlan r, Set<String> oneFamilyHosts) {
            return files(Bird16Views.router(network, r));
        }

        private static List<ConfigFile> files(List<Bird16Views.Config> configs) {
            return configs.stream().map(c -> new ConfigFile(c.file(), "common/bird16.conf.ftl", c.view())).toList();
        }

        @Override
        public String reloadTemplate(String kind) {
            return "common/reload-via-up.sh.ftl";
        }

        @Override
        public boolean oneFamilyPerSession() {
            return true;
        }
    }

    /**
     * FRR: one instance per host (its own pathspace), configured by one integrated frr.conf that
     * frr.sh pushes with vtysh and later applies with frr-reload.py. No BIRD daemon.
     */
    record Frr() implements RoutingTarget {
        static final Frr INSTANCE = new Frr();

        @Override
        public List<Daemon> daemons(boolean ipv4) {
            return List.of();
        }

        @Override
        public List<ConfigFile> configs(String network, GatewayPlan gw, Set<String> oneFamilyHosts) {
            return List.of(new ConfigFile("frr.conf", "common/frr.conf.ftl", FrrViews.gateway(network, gw, oneFamilyHosts)));
        }

        @Override
        public List<ConfigFile> configs(String network, RouterPlan r, Set<String> oneFamilyHosts) {
            return List.of(new ConfigFile("frr.conf", "common/frr.conf.ftl", FrrViews.router(network, r, oneFamilyHosts)));
        }

        @Override
        public String reloadTemplate(String kind) {
            return kind + "/reload.sh.ftl";
        }

        @Override
        public boolean oneFamilyPerSession() {
            return false;
        }
    }
}
