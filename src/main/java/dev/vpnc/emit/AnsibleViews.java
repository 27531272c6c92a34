package dev.vpnc.emit;

import dev.vpnc.check.NameMappings;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.RunDir;
import dev.vpnc.plan.TunnelEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The fleet as Ansible sees it: one inventory host per gateway and internal router. */
final class AnsibleViews {
    /**
     * What may be printed between double quotes in the YAML files, where nothing but {@code "}
     * and {@code \\} is special (names and addresses are checked anyway). Every name is quoted:
     * bare, a host {@code yes}, {@code NULL} or {@code On} would be a boolean or null to YAML.
     */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_=+.@:-]+");

    private AnsibleViews() {
    }

    /**
     * @param address   where Ansible reaches the host (a gateway's endpoint), or null when the
     *                  .vpn does not say
     * @param gateway   whether it is a gateway (it then has secrets and a private namespace)
     * @param running   a path that exists only while the host is up (decides up.sh or reload.sh)
     * @param units     its systemd units, vpnc.service first (installed and enabled by the playbook)
     */
    public record Host(String name, String site, String address, boolean gateway, String running, List<String> units) {
        public Host {
            units = List.copyOf(units);
        }
    }

    /** The groups are named by checks, which keep hosts from taking their names. */
    public record Fleet(String network, String gatewayGroup, String routerGroup, List<Host> gateways, List<Host> routers) {
        public Fleet {
            gateways = List.copyOf(gateways);
            routers = List.copyOf(routers);
        }
    }

    static Fleet fleet(NetworkPlan plan) {
        List<Host> gateways = new ArrayList<>();
        for (GatewayPlan gw : plan.gateways()) {
            gateways.add(new Host(safe(gw.name()), safe(gw.site()), safe(gw.endpoint().host()), true,
                    "/run/netns/" + safe(gw.namespace()), units(HostViews.units(plan.network(), gw), gw.probe() != null)));
        }
        List<Host> routers = new ArrayList<>();
        for (RouterPlan r : plan.routers()) {
            List<HostViews.Units> units = HostViews.units(plan.network(), r);
            // A router has no namespace of its own: its routing daemon's socket says it is up.
            Frr frr = units.get(0).frr();
            String running = frr != null ? frr.stateDir() + "/zebra.vty" : RunDir.birdCtl(safe(r.name()));
            routers.add(new Host(safe(r.name()), safe(r.site()), null, false, running, units(units, false)));
        }
        return new Fleet(safe(plan.network()), NameMappings.GATEWAY_GROUP, NameMappings.ROUTER_GROUP, gateways, routers);
    }

    /**
     * vpnc.service, then the routing units in start order (as the bundle's systemd/ folder has
     * them: BIRD's, or vpnc-frr.service), the health probe's unit on a gateway whose site has a
     * probe, then the status timer.
     */
    private static List<String> units(List<HostViews.Units> routing, boolean probe) {
        List<String> units = new ArrayList<>(List.of("vpnc.service"));
        routing.forEach(u -> units.add(safe(u.birdUnit())));
        if (probe) {
            units.add(Emitter.PROBE_SERVICE);
        }
        // status.sh's timer (its service is started by it, and has nothing to enable).
        units.add(Emitter.STATUS_TIMER);
        return units;
    }

    private static String safe(String s) {
        if (!SAFE.matcher(s).matches()) {
            throw new IllegalArgumentException("unsafe name in the Ansible inventory: " + s);
        }
        return s;
    }
}
