package dev.vpnc.resolve;

import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Import;
import dev.vpnc.ast.Statement;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.TopologyMessages;
import dev.vpnc.syntax.Removal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Warnings about what was declared or imported for nothing (W0316, W0317), once the model is resolved. */
final class UnusedNames {
    private UnusedNames() {
    }

    /** Profiles of the user's files that nothing uses, and imports that bring in nothing used. */
    static void report(Loader.Loaded loaded, Scope scope, Profiles profiles, Diagnostics diagnostics) {
        for (Declaration.Profile p : scope.profiles.values()) {
            if (!Stdlib.isStdlib(p.span().file()) && !profiles.used(p.name().text())) {
                diagnostics.add(TopologyMessages.unusedProfile(p.name().span(), p.name().text(),
                        Removal.ofStatement(p.span())));
            }
        }
        Set<String> usedByUser = usedByUserFiles(loaded.files(), scope);
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
                    diagnostics.add(TopologyMessages.unusedImport(imp.span(),
                            target.declarations().stream().map(d -> d.name().text()).toList(), Removal.ofStatement(imp.span())));
                }
            }
        }
    }

    /**
     * Profiles the user's own blocks use, directly or through other profiles. The stdlib
     * defaults use std.timers too, so "in effect" is not enough to call an import used.
     */
    private static Set<String> usedByUserFiles(List<FileAst> files, Scope scope) {
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
}
