package dev.vpnc.resolve;

import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SourceMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every declared name of the network. Sites, gateways, routers and profiles share one namespace:
 * a name means one thing wherever it is read.
 */
final class Scope {
    final List<Declaration.Network> networks = new ArrayList<>();
    final Map<String, Declaration.Site> sites = new TreeMap<>();
    final Map<String, Declaration.Profile> profiles = new TreeMap<>();
    final Map<String, Statement.Host> hosts = new TreeMap<>();
    private final Map<String, Name> declared = new TreeMap<>();

    static Scope of(List<FileAst> files, Diagnostics diagnostics) {
        Scope scope = new Scope();
        for (FileAst file : files) {
            for (Declaration d : file.declarations()) {
                if (d instanceof Declaration.Network n) {
                    scope.networks.add(n);
                } else if (d instanceof Declaration.Site s) {
                    if (scope.declare(s.name(), diagnostics)) {
                        scope.sites.put(s.name().text(), s);
                    }
                    for (Statement st : s.body()) {
                        if (st instanceof Statement.Host h && scope.declare(h.name(), diagnostics)) {
                            scope.hosts.put(h.name().text(), h);
                        }
                    }
                } else if (d instanceof Declaration.Profile p) {
                    if (scope.declare(p.name(), diagnostics)) {
                        scope.profiles.put(p.name().text(), p);
                    }
                    for (Statement st : p.body()) {
                        if (st instanceof Statement.Host h) {
                            diagnostics.add(SourceMessages.hostInProfile(h.name().span(), h.kind().word(), p.name().text()));
                        }
                    }
                }
            }
        }
        return scope;
    }

    private boolean declare(Name name, Diagnostics diagnostics) {
        Name first = declared.putIfAbsent(name.text(), name);
        if (first == null) {
            return true;
        }
        diagnostics.add(SourceMessages.declaredTwice(name.span(), name.text(), first.span()));
        return false;
    }

}
