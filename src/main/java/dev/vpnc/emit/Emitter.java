package dev.vpnc.emit;

import dev.vpnc.check.Checks;
import dev.vpnc.emit.topology.TopologyView;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Renders a {@link NetworkPlan} into per-host bundles: relative path (forward slashes, starting
 * with the host name; plus {@code topology.svg} and {@code index.html} at the root) to file
 * content. Decisions live in the plan and in {@link BirdViews} /
 * {@link HostViews}; the templates under {@code templates/} only loop and print.
 */
public final class Emitter {
    private static final Configuration FREEMARKER = configuration();

    /**
     * Every template, with the ones the others include, for {@link #preloadTemplates()}.
     * EmitterTest checks that this list and the templates folder hold the same files.
     */
    static final List<String> TEMPLATES = List.of(
            "common/header.ftl", "common/prefixsets.ftl", "common/readme.ftl", "common/reload-via-up.sh.ftl", "common/shell.ftl", "gateway/tunnels.ftl",
            "common/bird-parts.ftl", "common/bird.conf.ftl", "common/bird16.conf.ftl", "common/frr.conf.ftl", "common/frr.sh.ftl",
            "gateway/wireguard.conf.ftl", "gateway/up.sh.ftl", "gateway/down.sh.ftl", "gateway/reload.sh.ftl",
            "gateway/README.md.ftl", "gateway/firewall-public.nft.ftl", "gateway/firewall-private.nft.ftl",
            "router/up.sh.ftl", "router/down.sh.ftl", "router/reload.sh.ftl", "router/README.md.ftl",
            "common/status.ftl", "gateway/status.sh.ftl", "router/status.sh.ftl",
            "systemd/vpnc.service.ftl", "systemd/vpnc-bird.service.ftl", "systemd/vpnc-frr.service.ftl",
            "systemd/vpnc-status.service.ftl", "systemd/vpnc-status.timer.ftl",
            "gateway/probe.sh.ftl", "systemd/vpnc-probe.service.ftl",
            "topology/topology.svg.ftlx", "topology/index.html.ftlh",
            "ansible/inventory.yml.ftl", "ansible/deploy.yml.ftl", "ansible/status.yml.ftl");

    /** Every host's script that compares its live state with its bundle, and its units. */
    static final String STATUS_SCRIPT = "status.sh";
    static final String STATUS_SERVICE = "vpnc-status.service";
    static final String STATUS_TIMER = "vpnc-status.timer";
    /** The playbook that gathers every host's {@code status.sh --json} for {@code vpnc status --ansible}. */
    public static final String STATUS_PLAYBOOK = "status.yml";

    /** A gateway's health probe (its site's {@code probe}) and its unit. */
    static final String PROBE_SCRIPT = "probe.sh";
    /** A host on FRR: its instance started, configured and stopped (frr.sh start|apply|stop). */
    static final String FRR_SCRIPT = "frr.sh";
    static final String PROBE_SERVICE = "vpnc-probe.service";

    private Emitter() {
    }

    /**
     * Parses every template into FreeMarker's cache. The CLI calls this on a second thread while
     * the first reads the source: parsing the templates is a good part of a small compile.
     */
    public static void preloadTemplates() {
        for (String template : TEMPLATES) {
            try {
                FREEMARKER.getTemplate(template);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load template " + template, e);
            }
        }
    }

    public static SortedMap<String, String> render(NetworkPlan plan) {
        Set<String> oneFamilyHosts = oneFamilyHosts(plan);
        // Hosts render independently, so they render on every core; the bundles are merged into
        // one sorted map, so the order in which the work finishes never shows in the output.
        List<Supplier<SortedMap<String, String>>> hosts = new ArrayList<>();
        plan.gateways().forEach(gw -> hosts.add(() -> gateway(plan, gw, oneFamilyHosts)));
        plan.routers().forEach(r -> hosts.add(() -> router(plan, r, oneFamilyHosts)));
        SortedMap<String, String> files = new TreeMap<>();
        for (SortedMap<String, String> bundle : hosts.parallelStream().map(Supplier::get).toList()) {
            bundle.forEach((path, content) -> add(files, path, content));
        }
        renderTopology(TopologyView.of(plan)).forEach((path, content) -> add(files, path, content));
        AnsibleViews.Fleet fleet = AnsibleViews.fleet(plan);
        // The folder's name is one checks reserve: no host can be called that.
        put(files, Checks.FLEET_FOLDER + "/inventory.yml", "ansible/inventory.yml.ftl", Map.of("fleet", fleet));
        put(files, Checks.FLEET_FOLDER + "/deploy.yml", "ansible/deploy.yml.ftl", Map.of("fleet", fleet));
        put(files, Checks.FLEET_FOLDER + "/" + STATUS_PLAYBOOK, "ansible/status.yml.ftl", Map.of("fleet", fleet));
        return files;
    }

    private static SortedMap<String, String> gateway(NetworkPlan plan, GatewayPlan gw, Set<String> oneFamilyHosts) {
        HostViews.Gateway host = HostViews.gateway(plan.network(), gw);
        RoutingTarget target = RoutingTarget.of(gw.routing());
        List<RoutingTarget.ConfigFile> configs = target.configs(plan.network(), gw, oneFamilyHosts);
        List<HostViews.Units> units = HostViews.units(plan.network(), gw);
        SortedMap<String, String> files = bundle(gw.name(), "gateway", "gateway", host, target, configs, units);
        if (host.frr() != null) {
            put(files, gw.name() + "/" + FRR_SCRIPT, "common/frr.sh.ftl",
                    Map.of("frr", FrrScript.of(plan.network(), host, (FrrView) configs.get(0).view())));
        }
        for (HostViews.Tunnel tunnel : host.tunnels()) {
            put(files, gw.name() + "/wireguard/" + tunnel.end().ifname() + ".conf", "gateway/wireguard.conf.ftl",
                    Map.of("host", host, "tunnel", tunnel));
        }
        if (gw.probe() != null) {
            put(files, gw.name() + "/" + PROBE_SCRIPT, "gateway/probe.sh.ftl", Map.of("host", host));
            put(files, gw.name() + "/systemd/" + PROBE_SERVICE, "systemd/vpnc-probe.service.ftl",
                    Map.of("units", units.get(0), "probe", gw.probe()));
        }
        FirewallView firewall = FirewallView.of(plan.network(), gw);
        put(files, gw.name() + "/firewall/public.nft", "gateway/firewall-public.nft.ftl", Map.of("fw", firewall));
        put(files, gw.name() + "/firewall/private.nft", "gateway/firewall-private.nft.ftl", Map.of("fw", firewall));
        StatusView status = StatusViews.gateway(plan, gw, configs, host.daemons(), host.frr(), files,
                unitFiles(files, gw.name()));
        put(files, gw.name() + "/" + STATUS_SCRIPT, "gateway/status.sh.ftl", Map.of("status", status));
        return files;
    }

    private static SortedMap<String, String> router(NetworkPlan plan, RouterPlan r, Set<String> oneFamilyHosts) {
        RoutingTarget target = RoutingTarget.of(r.routing());
        HostViews.Router host = HostViews.router(plan.network(), r);
        List<RoutingTarget.ConfigFile> configs = target.configs(plan.network(), r, oneFamilyHosts);
        SortedMap<String, String> files = bundle(r.name(), "router", "internal router", host, target, configs,
                HostViews.units(plan.network(), r));
        if (host.frr() != null) {
            put(files, r.name() + "/" + FRR_SCRIPT, "common/frr.sh.ftl", Map.of("frr", FrrScript.of(plan.network(), host)));
        }
        StatusView status = StatusViews.router(plan, r, configs, host.daemons(), host.frr(), files,
                unitFiles(files, r.name()));
        put(files, r.name() + "/" + STATUS_SCRIPT, "router/status.sh.ftl", Map.of("status", status));
        return files;
    }

    /**
     * The host's units, by file name. status.sh is rendered last, once every other file of the
     * bundle is: it holds their hashes (never its own).
     */
    private static List<String> unitFiles(SortedMap<String, String> files, String host) {
        String dir = host + "/systemd/";
        return files.keySet().stream().filter(p -> p.startsWith(dir)).map(p -> p.substring(dir.length())).toList();
    }

    /**
     * What every host's bundle holds: the configuration files of its routing target, up.sh,
     * down.sh, reload.sh (the target says which), README.md and the systemd units. {@code kind}
     * is the folder of its own templates; {@code subject} names the host's kind in prose.
     */
    private static SortedMap<String, String> bundle(String name, String kind, String subject, Object host,
                                                    RoutingTarget target, List<RoutingTarget.ConfigFile> configs,
                                                    List<HostViews.Units> units) {
        SortedMap<String, String> files = new TreeMap<>();
        String dir = name + "/";
        for (RoutingTarget.ConfigFile c : configs) {
            put(files, dir + c.file(), c.template(), Map.of("bird", c.view()));
        }
        put(files, dir + "up.sh", kind + "/up.sh.ftl", Map.of("host", host));
        put(files, dir + "down.sh", kind + "/down.sh.ftl", Map.of("host", host));
        put(files, dir + "reload.sh", target.reloadTemplate(kind), Map.of("host", host, "subject", subject));
        put(files, dir + "README.md", kind + "/README.md.ftl", Map.of("host", host));
        units(files, dir, units);
        return files;
    }

    /** The picture of the whole network, and a page showing it with a link to every host's README. */
    public static SortedMap<String, String> renderTopology(TopologyView topology) {
        SortedMap<String, String> files = new TreeMap<>();
        put(files, "topology.svg", "topology/topology.svg.ftlx", Map.of("view", topology));
        put(files, "index.html", "topology/index.html.ftlh", Map.of("view", topology, "svg", files.get("topology.svg")));
        return files;
    }

    /** The scripts are executable; everything else is plain data. */
    public static boolean isExecutable(String relativePath) {
        return relativePath.endsWith(".sh");
    }

    /**
     * vpnc.service, one unit per BIRD daemon (vpnc-bird.service; also vpnc-bird6.service for BIRD
     * 1.6), and status.sh's service and the timer that runs it.
     */
    private static void units(SortedMap<String, String> files, String dir, List<HostViews.Units> units) {
        put(files, dir + "systemd/vpnc.service", "systemd/vpnc.service.ftl", Map.of("units", units.get(0)));
        put(files, dir + "systemd/" + STATUS_SERVICE, "systemd/vpnc-status.service.ftl", Map.of("units", units.get(0)));
        put(files, dir + "systemd/" + STATUS_TIMER, "systemd/vpnc-status.timer.ftl", Map.of("units", units.get(0)));
        for (HostViews.Units u : units) {
            put(files, dir + "systemd/" + u.birdUnit(),
                    u.frr() != null ? "systemd/vpnc-frr.service.ftl" : "systemd/vpnc-bird.service.ftl", Map.of("units", u));
        }
    }

    /** Hosts whose targets carry one family per session: their BIRD 2 neighbors give them one session per family. */
    static Set<String> oneFamilyHosts(NetworkPlan plan) {
        Set<String> hosts = new TreeSet<>();
        plan.gateways().stream().filter(g -> RoutingTarget.of(g.routing()).oneFamilyPerSession()).forEach(g -> hosts.add(g.name()));
        plan.routers().stream().filter(r -> RoutingTarget.of(r.routing()).oneFamilyPerSession()).forEach(r -> hosts.add(r.name()));
        return hosts;
    }

    private static void put(SortedMap<String, String> files, String path, String template, Map<String, Object> model) {
        add(files, path, render(template, model));
    }

    private static void add(SortedMap<String, String> files, String path, String content) {
        if (files.put(path, content) != null) {
            throw new IllegalArgumentException("two generated files at " + path);
        }
    }

    static String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            FREEMARKER.getTemplate(template).process(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load template " + template, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + template + " failed: " + e.getMessage(), e);
        }
        // Exactly one final newline, whatever the last template block left behind.
        return out.toString().stripTrailing() + "\n";
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setObjectWrapper(new RecordWrapper(Configuration.VERSION_2_3_34));
        cfg.setTemplateLoader(new ClassTemplateLoader(Emitter.class, "/vpnc/templates"));
        // The templates are in the jar: no localized variants to look for, nothing changes while vpnc runs.
        cfg.setLocalizedLookup(false);
        cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
        cfg.setOutputEncoding(StandardCharsets.UTF_8.name());
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setNumberFormat("c");
        cfg.setBooleanFormat("c");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }
}
