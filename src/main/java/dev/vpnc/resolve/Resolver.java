package dev.vpnc.resolve;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Import;
import dev.vpnc.ast.Key;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.ast.Value;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Suggest;
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
 * {@link Model}. Reports every problem it finds and returns {@code null} only when there is no
 * usable network at all.
 */
public final class Resolver {
    private static final String DEFAULTS_PROFILE = "vpnc-defaults";
    /** How deep `uses` may chain profiles; real designs stay under five. */
    public static final int MAX_PROFILE_DEPTH = 16;

    private final Scope scope;
    private final Diagnostics diagnostics;
    private final Values values;
    private final Map<String, List<List<Statement.Setting>>> expanded = new HashMap<>();
    private final Set<String> reportedPlacement = new HashSet<>();
    /** Profiles used past the depth limit: used, though not expanded, so not "never used". */
    private final Set<String> tooDeep = new HashSet<>();

    private Resolver(Scope scope, Diagnostics diagnostics) {
        this.scope = scope;
        this.diagnostics = diagnostics;
        this.values = new Values(diagnostics);
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
            resolver.unused(loaded);
        }
        return model;
    }

    /** Profiles of the user's files that nothing uses, and imports that bring in nothing used. */
    private void unused(Loader.Loaded loaded) {
        for (Declaration.Profile p : scope.profiles.values()) {
            if (!Stdlib.isStdlib(p.span().file()) && !expanded.containsKey(p.name().text()) && !tooDeep.contains(p.name().text())) {
                diagnostics.add(Diagnostic.of(Code.W0316, p.name().span(), "profile `" + p.name().text() + "` is never used")
                        .label("not used by the network, a site or a host"));
            }
        }
        Set<String> usedByUser = usedByUserFiles(loaded.files());
        for (FileAst file : loaded.files()) {
            if (Stdlib.isStdlib(file.source())) {
                continue;
            }
            for (Import imp : file.imports()) {
                FileAst target = loaded.imports().get(imp);
                if (target == null) {
                    continue;
                }
                boolean declaresNetworkOrSite = target.declarations().stream().anyMatch(d -> !(d instanceof Declaration.Profile));
                boolean usesAProfile = target.declarations().stream().anyMatch(d -> usedByUser.contains(d.name().text()));
                if (!declaresNetworkOrSite && !usesAProfile) {
                    diagnostics.add(Diagnostic.of(Code.W0317, imp.span(), "nothing this import declares is used")
                            .label("unused import")
                            .help(target.declarations().isEmpty() ? "remove the import: the file declares nothing"
                                    : "remove the import, or use one of its profiles: " + String.join(", ",
                                    target.declarations().stream().map(d -> "`" + d.name().text() + "`").toList())));
                }
            }
        }
    }

    private Model model(List<FileAst> files) {
        if (scope.networks.size() != 1) {
            reportNetworkCount(files);
            if (scope.networks.isEmpty()) {
                return null;
            }
        }
        Declaration.Network net = scope.networks.get(0);
        checkBlock(net.body(), BlockKind.NETWORK);
        Layers defaults = new Layers(profileLayers(new Name(DEFAULTS_PROFILE, net.name().span()), BlockKind.NETWORK, true));
        Layers netLayers = own(net.body(), net.uses(), BlockKind.NETWORK).then(defaults);
        Model.Network network = network(net, netLayers);

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
                diagnostics.add(Diagnostic.of(Code.E0103, hub.span(), "unknown site `" + hub.text() + "`")
                        .label("hubs are sites")
                        .help(Suggest.help(hub.text(), scope.sites.keySet(), "site")));
            } else if (!hubsSeen.add(hub.text())) {
                diagnostics.add(Diagnostic.of(Code.E0310, hub.span(), "site `" + hub.text() + "` is named twice as a hub")
                        .label("already a hub")
                        .help("name each hub site once"));
            }
        }
        return new Model(network, sites);
    }

    private void reportNetworkCount(List<FileAst> files) {
        if (scope.networks.isEmpty()) {
            FileAst root = files.get(0);
            Span at = new Span(root.source(), 0, Math.min(1, root.source().text().length()));
            diagnostics.add(Diagnostic.of(Code.E0105, at, "no `network` is declared")
                    .label("in this file or its imports"));
            return;
        }
        Declaration.Network first = scope.networks.get(0);
        for (Declaration.Network extra : scope.networks.subList(1, scope.networks.size())) {
            diagnostics.add(Diagnostic.of(Code.E0105, extra.name().span(), "a second `network` is declared")
                    .label("second network")
                    .also(first.name().span(), "first network"));
        }
    }

    private Model.Network network(Declaration.Network net, Layers layers) {
        values.birdTarget(layers);  // checked here too, so a network without hosts still reports a bad version
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
        checkBlock(s.body(), BlockKind.SITE);
        Layers layers = own(s.body(), s.uses(), BlockKind.SITE).then(netLayers);
        List<Model.Gateway> gateways = new ArrayList<>();
        List<Model.Router> routers = new ArrayList<>();
        for (Statement st : s.body()) {
            if (st instanceof Statement.Host h && scope.hosts.get(h.name().text()) == h) {
                checkBlock(h.body(), h.kind());
                Layers hostLayers = own(h.body(), h.uses(), h.kind()).then(layers);
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
                routers);
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
                layers.find(Key.MTU).map(st -> st.value().span()).orElse(null),
                values.birdTarget(layers));
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
                values.birdTarget(layers));
    }

    /** A link end is a site (all its gateways) or one gateway. */
    private void checkLinkEnd(Name end) {
        if (!scope.sites.containsKey(end.text()) && !gatewayNames().contains(end.text())) {
            Set<String> candidates = new TreeSet<>(scope.sites.keySet());
            candidates.addAll(gatewayNames());
            diagnostics.add(Diagnostic.of(Code.E0103, end.span(), "unknown site or gateway `" + end.text() + "`")
                    .label("not declared")
                    .help(Suggest.help(end.text(), candidates, "site or gateway")));
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

    /**
     * Profiles the user's own blocks use, directly or through other profiles. The stdlib
     * defaults use std.timers too, so "in effect" is not enough to call an import used.
     */
    private Set<String> usedByUserFiles(List<FileAst> files) {
        Deque<String> todo = new ArrayDeque<>();
        for (FileAst f : files) {
            if (Stdlib.isStdlib(f.source())) {
                continue;
            }
            for (Declaration d : f.declarations()) {
                if (!(d instanceof Declaration.Profile)) {
                    d.uses().forEach(n -> todo.add(n.text()));
                    d.body().stream().filter(s -> s instanceof Statement.Host)
                            .forEach(s -> ((Statement.Host) s).uses().forEach(n -> todo.add(n.text())));
                }
            }
        }
        Set<String> used = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Declaration.Profile p = scope.profiles.get(name);
            if (used.add(name) && p != null) {
                p.uses().forEach(n -> todo.add(n.text()));
            }
        }
        return used;
    }

    /** A block's own statements, then its profiles (last listed wins, so it comes first). */
    private Layers own(List<Statement> body, List<Name> uses, BlockKind kind) {
        List<List<Statement.Setting>> layers = new ArrayList<>();
        layers.add(settings(body));
        for (int i = uses.size() - 1; i >= 0; i--) {
            layers.addAll(profileLayers(uses.get(i), kind, false));
        }
        return new Layers(layers);
    }

    private List<List<Statement.Setting>> profileLayers(Name use, BlockKind kind, boolean builtin) {
        Declaration.Profile p = scope.profiles.get(use.text());
        if (p == null) {
            if (!builtin) {
                diagnostics.add(Diagnostic.of(Code.E0103, use.span(), "unknown profile `" + use.text() + "`")
                        .label("not declared")
                        .help(Suggest.help(use.text(), scope.profiles.keySet(), "profile")));
            }
            return List.of();
        }
        List<List<Statement.Setting>> layers = expand(p, new ArrayDeque<>());
        for (List<Statement.Setting> layer : layers) {
            for (Statement.Setting s : layer) {
                if (!s.key().allowedIn(kind) && reportedPlacement.add(s.span().location() + kind)) {
                    diagnostics.add(Diagnostic.of(Code.E0106, s.keySpan(),
                                    "`" + s.key().words() + "` does not apply to a " + kind.word())
                            .label("set by profile `" + p.name().text() + "`")
                            .also(use.span(), "used by a " + kind.word() + " here")
                            .help(placementHelp(s.key())));
                }
            }
        }
        return layers;
    }

    private List<List<Statement.Setting>> expand(Declaration.Profile p, Deque<String> path) {
        List<List<Statement.Setting>> cached = expanded.get(p.name().text());
        if (cached != null) {
            return cached;
        }
        path.push(p.name().text());
        checkBlock(p.body(), BlockKind.PROFILE);
        List<List<Statement.Setting>> layers = new ArrayList<>();
        layers.add(settings(p.body()));
        for (int i = p.uses().size() - 1; i >= 0; i--) {
            Name use = p.uses().get(i);
            Declaration.Profile inner = scope.profiles.get(use.text());
            if (inner == null) {
                diagnostics.add(Diagnostic.of(Code.E0103, use.span(), "unknown profile `" + use.text() + "`")
                        .label("not declared")
                        .help(Suggest.help(use.text(), scope.profiles.keySet(), "profile")));
            } else if (path.contains(use.text())) {
                diagnostics.add(Diagnostic.of(Code.E0102, use.span(), "profile `" + use.text() + "` uses itself, directly or not")
                        .label("closes the cycle")
                        .help("remove one of the `uses` in the cycle"));
            } else if (path.size() >= MAX_PROFILE_DEPTH) {
                tooDeep.add(use.text());
                // Bounded so that a generated chain cannot exhaust the stack.
                diagnostics.add(Diagnostic.of(Code.E0109, use.span(),
                                "profiles nested more than " + MAX_PROFILE_DEPTH + " deep")
                        .label("profile `" + use.text() + "` is one level too many")
                        .help("flatten the chain: let one profile `uses` several others instead of each using the next"));
            } else {
                layers.addAll(expand(inner, path));
            }
        }
        path.pop();
        expanded.put(p.name().text(), layers);
        return layers;
    }

    private static List<Statement.Setting> settings(List<Statement> body) {
        return body.stream().filter(s -> s instanceof Statement.Setting).map(s -> (Statement.Setting) s).toList();
    }

    /** Placement of statements written directly in a block, and keys given twice. */
    private void checkBlock(List<Statement> body, BlockKind kind) {
        if (kind != BlockKind.SITE && kind != BlockKind.PROFILE) {
            for (Statement st : body) {
                if (st instanceof Statement.Host h) {
                    diagnostics.add(Diagnostic.of(Code.E0106, h.name().span(),
                                    "a " + h.kind().word() + " cannot be declared in a " + kind.word())
                            .label("declared in a " + kind.word())
                            .help("declare gateways and routers inside their `site NAME { ... }` block"));
                }
            }
        }
        Map<Key, Statement.Setting> seen = new HashMap<>();
        for (Statement.Setting s : settings(body)) {
            if (!s.key().allowedIn(kind)) {
                diagnostics.add(Diagnostic.of(Code.E0106, s.keySpan(),
                                "`" + s.key().words() + "` does not apply to a " + kind.word())
                        .label("not allowed in a " + kind.word())
                        .help(placementHelp(s.key())));
                continue;
            }
            Statement.Setting first = seen.putIfAbsent(s.key(), s);
            if (first != null && s.key().single()) {
                diagnostics.add(Diagnostic.of(Code.E0107, s.keySpan(), "`" + s.key().words() + "` is set twice in this block")
                        .label("set again here")
                        .also(first.keySpan(), "first set here"));
            }
        }
    }

    private static String placementHelp(Key key) {
        List<String> where = key.allowed().stream().map(BlockKind::word).sorted().toList();
        return "`" + key.words() + "` belongs in a " + String.join(" or ", where) + " block (or a profile one uses)";
    }
}
