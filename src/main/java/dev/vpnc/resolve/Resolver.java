package dev.vpnc.resolve;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Import;
import dev.vpnc.ast.Key;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.ast.Value;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SourceMessages;
import dev.vpnc.diag.messages.TopologyMessages;
import dev.vpnc.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves names (profiles used, sites linked) and applies settings precedence, producing the
 * {@link Model}: the network, its sites and hosts, their links and hubs. Profiles are expanded
 * by {@link Profiles}, values read by {@link Values}, unused names reported by {@link UnusedNames}. Reports every problem it finds and returns {@code null} only when there is no
 * usable network at all.
 */
public final class Resolver {
    private static final String DEFAULTS_PROFILE = "vpnc-defaults";

    private final Scope scope;
    private final Diagnostics diagnostics;
    private final Values values;
    private final Profiles profiles;
    /** The layers of every block, kept for {@link Provenance}. */
    private final Map<Provenance.Block, Layers> blockLayers = new HashMap<>();

    private Resolver(Scope scope, Diagnostics diagnostics) {
        this.scope = scope;
        this.diagnostics = diagnostics;
        this.values = new Values(diagnostics);
        this.profiles = new Profiles(scope, diagnostics);
    }

    public static Model resolve(List<FileAst> files, Diagnostics diagnostics) {
        return resolve(new Loader.Loaded(files, Map.of()), diagnostics);
    }

    /** Resolves, then warns about what was declared or imported for nothing. */
    public static Model resolve(Loader.Loaded loaded, Diagnostics diagnostics) {
        Scope scope = Scope.of(loaded.files(), diagnostics);
        Resolver resolver = new Resolver(scope, diagnostics);
        Model model = resolver.model(loaded.files());
        if (model != null) {
            UnusedNames.report(loaded, scope, resolver.profiles, diagnostics);
        }
        return model;
    }

    private Model model(List<FileAst> files) {
        if (scope.networks.size() != 1) {
            reportNetworkCount(files);
            if (scope.networks.isEmpty()) {
                return null;
            }
        }
        Declaration.Network net = scope.networks.get(0);
        profiles.checkBlock(net.body(), BlockKind.NETWORK);
        Layers defaults = profiles.builtin(new Name(DEFAULTS_PROFILE, net.name().span()), BlockKind.NETWORK);
        Layers netLayers = profiles.own(net.body(), net.uses(), BlockKind.NETWORK).then(defaults);
        Model.Network network = network(net, netLayers);
        blockLayers.put(new Provenance.Block(BlockKind.NETWORK, net.name().text()), netLayers);

        List<Model.Site> sites = new ArrayList<>();
        for (Declaration.Site s : scope.sites.values()) {
            sites.add(site(s, netLayers));
        }
        if (network.mesh() != null) {
            for (Model.Link l : network.mesh()) {
                checkLinkEnd(l.a());
                checkLinkEnd(l.b());
            }
        }
        Set<String> hubsSeen = new HashSet<>();
        for (Name hub : network.hubs()) {
            if (!scope.sites.containsKey(hub.text())) {
                diagnostics.add(SourceMessages.unknownHub(hub.span(), hub.text(), scope.sites.keySet()));
            } else if (!hubsSeen.add(hub.text())) {
                diagnostics.add(TopologyMessages.hubNamedTwice(hub.span(), hub.text()));
            }
        }
        return new Model(network, sites, new Provenance(blockLayers));
    }

    private void reportNetworkCount(List<FileAst> files) {
        if (scope.networks.isEmpty()) {
            FileAst root = files.get(0);
            Span at = new Span(root.source(), 0, Math.min(1, root.source().text().length()));
            diagnostics.add(SourceMessages.noNetwork(at));
            return;
        }
        Declaration.Network first = scope.networks.get(0);
        for (Declaration.Network extra : scope.networks.subList(1, scope.networks.size())) {
            diagnostics.add(SourceMessages.secondNetwork(extra.name().span(), first.name().span()));
        }
    }

    private Model.Network network(Declaration.Network net, Layers layers) {
        values.routingSuite(layers);  // checked here too, so a network without hosts still reports a bad version
        List<Model.Link> mesh = null;
        List<Name> hubs = List.of();
        Optional<Statement.Setting> meshSetting = layers.find(Key.MESH);
        if (meshSetting.isPresent() && meshSetting.get().values().size() == 1
                && meshSetting.get().value() instanceof Value.Hubs h) {
            hubs = h.sites();
        } else if (meshSetting.isPresent() && !(meshSetting.get().values().size() == 1
                && meshSetting.get().value() instanceof Value.Word)) {
            mesh = new ArrayList<>();
            for (Value v : meshSetting.get().values()) {
                Value.MeshLink l = (Value.MeshLink) v;
                mesh.add(new Model.Link(l.a(), l.b(), l.span()));
            }
        }
        return new Model.Network(
                net.name(),
                values.ifname(layers, Key.NAMESPACE, net.name()).orElse(new Model.Ifname("private", net.name().span())),
                values.prefix(layers, Key.TUNNELS_IPV6, Value.Family.IPV6, net.name(), true),
                values.prefix(layers, Key.TUNNELS_IPV4, Value.Family.IPV4, net.name(), false),
                values.ports(layers, net.name()),
                values.families(layers),
                values.asnPool(layers, net.name()),
                mesh,
                hubs,
                values.asn(layers, net.name()));
    }

    private Model.Site site(Declaration.Site s, Layers netLayers) {
        profiles.checkBlock(s.body(), BlockKind.SITE);
        Layers layers = profiles.own(s.body(), s.uses(), BlockKind.SITE).then(netLayers);
        blockLayers.put(new Provenance.Block(BlockKind.SITE, s.name().text()), layers);
        List<Model.Gateway> gateways = new ArrayList<>();
        List<Model.Router> routers = new ArrayList<>();
        for (Statement st : s.body()) {
            if (st instanceof Statement.Host h && scope.hosts.get(h.name().text()) == h) {
                profiles.checkBlock(h.body(), h.kind());
                Layers hostLayers = profiles.own(h.body(), h.uses(), h.kind()).then(layers);
                blockLayers.put(new Provenance.Block(h.kind(), h.name().text()), hostLayers);
                if (h.kind() == BlockKind.GATEWAY) {
                    gateways.add(gateway(h, s, hostLayers));
                } else {
                    routers.add(router(h, s, hostLayers));
                }
            }
        }
        List<Model.Pfx> subnets = values.prefixes(layers.findAll(Key.SUBNET));
        return new Model.Site(
                s.name(),
                values.asn(layers, s.name()),
                values.prefixes(layers.findAll(Key.PREFIXES)).stream().filter(p -> p.prefix().isIPv6()).toList(),
                values.prefixes(layers.findAll(Key.PREFIXES)).stream().filter(p -> p.prefix().isIPv4()).toList(),
                subnets.stream().filter(p -> p.prefix().isIPv6()).findFirst().orElse(null),
                subnets.stream().filter(p -> p.prefix().isIPv4()).findFirst().orElse(null),
                layers.find(Key.INSIDE).map(st -> ((Value.Word) st.value()).text().equals("ospf")
                        ? InsideMode.OSPF : InsideMode.BGP).orElse(InsideMode.BGP),
                gateways,
                routers,
                values.probe(layers));
    }

    private Model.Gateway gateway(Statement.Host h, Declaration.Site s, Layers layers) {
        return new Model.Gateway(
                h.name(),
                s.name().text(),
                values.endpoint(layers, h.name()),
                values.ifname(layers, Key.UPLINK, h.name()).orElse(null),
                values.ifnames(layers, Key.LAN, h.name()),
                values.mtu(layers),
                values.wgKeepalive(layers),
                values.flag(layers, Key.PSK),
                values.timers(layers),
                values.routingSuite(layers),
                routingSpan(layers),
                values.flag(layers, Key.FIREWALL));
    }

    private Model.Router router(Statement.Host h, Declaration.Site s, Layers layers) {
        List<Model.Ifname> lan = values.ifnames(layers, Key.LAN, h.name());
        List<Model.Pfx> prefixes = values.prefixes(layers.findAll(Key.PREFIXES));
        return new Model.Router(
                h.name(),
                s.name().text(),
                lan.isEmpty() ? null : lan.get(0),
                values.ifnamesOptional(layers, Key.HOSTS),
                prefixes.stream().filter(p -> p.prefix().isIPv6()).toList(),
                prefixes.stream().filter(p -> p.prefix().isIPv4()).toList(),
                values.timers(layers),
                values.routingSuite(layers),
                routingSpan(layers));
    }

    /** Where a host's routing suite is chosen (a profile it uses, or its own block), or null for the default. */
    private static Span routingSpan(Layers layers) {
        return layers.find(Key.ROUTING).map(st -> st.value().span()).orElse(null);
    }

    /** A link end is a site (all its gateways) or one gateway. */
    private void checkLinkEnd(Name end) {
        if (!scope.sites.containsKey(end.text()) && !gatewayNames().contains(end.text())) {
            Set<String> candidates = new TreeSet<>(scope.sites.keySet());
            candidates.addAll(gatewayNames());
            diagnostics.add(SourceMessages.unknownLinkEnd(end.span(), end.text(), candidates));
        }
    }

    private Set<String> gatewayNames;

    private Set<String> gatewayNames() {
        if (gatewayNames == null) {
            gatewayNames = new HashSet<>();
            for (Declaration.Site s : scope.sites.values()) {
                for (Statement st : s.body()) {
                    if (st instanceof Statement.Host h && h.kind() == BlockKind.GATEWAY) {
                        gatewayNames.add(h.name().text());
                    }
                }
            }
        }
        return gatewayNames;
    }

}
