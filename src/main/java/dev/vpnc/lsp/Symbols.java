package dev.vpnc.lsp;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.ast.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every name written in the loaded files: where each site, gateway, router and profile is
 * declared, and where it is referred to (`uses`, mesh links).
 */
final class Symbols {
    /** What a declared name is. */
    enum Kind { NETWORK, SITE, GATEWAY, ROUTER, PROFILE }

    /** One occurrence of a name; {@code declaration} is null for a declaration itself. */
    record Occurrence(Name name, Kind kind, boolean isDeclaration) {
    }

    private final Map<String, Occurrence> declarations = new HashMap<>();
    private final Map<String, String> siteOf = new HashMap<>();
    private final Map<String, Declaration> declarationNodes = new HashMap<>();
    private final List<Occurrence> all = new ArrayList<>();

    static Symbols of(List<FileAst> files) {
        Symbols s = new Symbols();
        for (FileAst f : files) {
            for (Declaration d : f.declarations()) {
                Kind kind = d instanceof Declaration.Network ? Kind.NETWORK
                        : d instanceof Declaration.Site ? Kind.SITE : Kind.PROFILE;
                s.declare(d.name(), kind);
                s.declarationNodes.put(d.name().text(), d);
                d.uses().forEach(u -> s.refer(u, Kind.PROFILE));
                for (Statement st : d.body()) {
                    s.statement(st, d.name().text());
                }
            }
        }
        return s;
    }

    private void statement(Statement st, String site) {
        if (st instanceof Statement.Host h) {
            declare(h.name(), h.kind() == BlockKind.GATEWAY ? Kind.GATEWAY : Kind.ROUTER);
            siteOf.put(h.name().text(), site);
            h.uses().forEach(u -> refer(u, Kind.PROFILE));
            h.body().forEach(inner -> statement(inner, site));
        } else if (st instanceof Statement.Setting set) {
            for (Value v : set.values()) {
                if (v instanceof Value.MeshLink l) {
                    refer(l.a(), Kind.SITE);
                    refer(l.b(), Kind.SITE);
                } else if (v instanceof Value.Hubs hubs) {
                    hubs.sites().forEach(n -> refer(n, Kind.SITE));
                }
            }
        }
    }

    private void declare(Name n, Kind kind) {
        Occurrence o = new Occurrence(n, kind, true);
        declarations.putIfAbsent(n.text(), o);
        all.add(o);
    }

    private void refer(Name n, Kind kind) {
        all.add(new Occurrence(n, kind, false));
    }

    /** The occurrence under a position of a file (display name and offset), if any. */
    Optional<Occurrence> at(String file, int offset) {
        return all.stream()
                .filter(o -> o.name().span().file().displayName().equals(file))
                .filter(o -> o.name().span().start() <= offset && offset <= o.name().span().end())
                .findFirst();
    }

    /**
     * Every occurrence of the thing {@code o} names, declaration included, in source order.
     * Profiles, sites, gateways and routers share one name space (the resolver reports a name
     * declared twice whatever the kinds), so a name is one thing; the network's name is apart.
     */
    List<Occurrence> occurrencesOf(Occurrence o) {
        return all.stream()
                .filter(x -> x.name().text().equals(o.name().text()))
                .filter(x -> (x.kind() == Kind.NETWORK) == (o.kind() == Kind.NETWORK))
                .toList();
    }

    /** Whether a declared name of the same name space as {@code o} is already {@code name}. */
    boolean declaredAlike(Occurrence o, String name) {
        return all.stream().filter(Occurrence::isDeclaration)
                .anyMatch(x -> x.name().text().equals(name) && (x.kind() == Kind.NETWORK) == (o.kind() == Kind.NETWORK));
    }

    Optional<Occurrence> declaration(String name) {
        return Optional.ofNullable(declarations.get(name));
    }

    Optional<Declaration> declarationNode(String name) {
        return Optional.ofNullable(declarationNodes.get(name));
    }

    String siteOf(String host) {
        return siteOf.get(host);
    }

    /** Names that can follow `uses` (profiles), for completion. */
    List<String> names(Kind kind) {
        return declarations.values().stream().filter(o -> o.kind() == kind).map(o -> o.name().text()).sorted().toList();
    }
}
