package dev.vpnc.resolve;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.Key;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SourceMessages;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles expanded into the layers of settings a block sees (its own statements first, then the
 * profiles it uses, last listed first), and the placement of each setting checked: where it is
 * written and, through a profile, where it lands. Each profile is expanded once.
 */
final class Profiles {
    /** How deep `uses` may chain profiles; real designs stay under five. */
    static final int MAX_DEPTH = 16;

    private final Scope scope;
    private final Diagnostics diagnostics;
    private final Map<String, List<List<Statement.Setting>>> expanded = new HashMap<>();
    private final Set<String> reportedPlacement = new HashSet<>();
    /** Profiles used past the depth limit: used, though not expanded, so not "never used". */
    private final Set<String> tooDeep = new HashSet<>();

    Profiles(Scope scope, Diagnostics diagnostics) {
        this.scope = scope;
        this.diagnostics = diagnostics;
    }

    /** Whether a profile was used by any block (expanded, or refused for its depth). */
    boolean used(String name) {
        return expanded.containsKey(name) || tooDeep.contains(name);
    }

    /** A block's own statements, then its profiles (last listed wins, so it comes first). */
    Layers own(List<Statement> body, List<Name> uses, BlockKind kind) {
        List<List<Statement.Setting>> layers = new ArrayList<>();
        layers.add(settings(body));
        for (int i = uses.size() - 1; i >= 0; i--) {
            layers.addAll(profileLayers(uses.get(i), kind, false));
        }
        return new Layers(layers);
    }

    /** The layers of a profile vpnc itself uses (the defaults): absent without a report. */
    Layers builtin(Name use, BlockKind kind) {
        return new Layers(profileLayers(use, kind, true));
    }

    private List<List<Statement.Setting>> profileLayers(Name use, BlockKind kind, boolean builtin) {
        Declaration.Profile p = scope.profiles.get(use.text());
        if (p == null) {
            if (!builtin) {
                diagnostics.add(SourceMessages.unknownProfile(use.span(), use.text(), scope.profiles.keySet()));
            }
            return List.of();
        }
        List<List<Statement.Setting>> layers = expand(p, new ArrayDeque<>());
        for (List<Statement.Setting> layer : layers) {
            for (Statement.Setting s : layer) {
                if (!s.key().allowedIn(kind) && reportedPlacement.add(s.span().location() + kind)) {
                    diagnostics.add(SourceMessages.profileSettingNotAllowed(s.keySpan(), s.key().words(), kind.word(),
                            p.name().text(), use.span(), allowedIn(s.key())));
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
                diagnostics.add(SourceMessages.unknownProfile(use.span(), use.text(), scope.profiles.keySet()));
            } else if (path.contains(use.text())) {
                diagnostics.add(SourceMessages.profileCycle(use.span(), use.text()));
            } else if (path.size() >= MAX_DEPTH) {
                tooDeep.add(use.text());
                // Bounded so that a generated chain cannot exhaust the stack.
                diagnostics.add(SourceMessages.profilesTooDeep(use.span(), use.text(), MAX_DEPTH));
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
    void checkBlock(List<Statement> body, BlockKind kind) {
        if (kind != BlockKind.SITE && kind != BlockKind.PROFILE) {
            for (Statement st : body) {
                if (st instanceof Statement.Host h) {
                    diagnostics.add(SourceMessages.hostInBlock(h.name().span(), h.kind().word(), kind.word()));
                }
            }
        }
        Map<Key, Statement.Setting> seen = new HashMap<>();
        for (Statement.Setting s : settings(body)) {
            if (!s.key().allowedIn(kind)) {
                diagnostics.add(SourceMessages.settingNotAllowed(s.keySpan(), s.key().words(), kind.word(), allowedIn(s.key())));
                continue;
            }
            Statement.Setting first = seen.putIfAbsent(s.key(), s);
            if (first != null && s.key().single()) {
                diagnostics.add(SourceMessages.settingTwice(s.keySpan(), s.key().words(), first.keySpan()));
            }
        }
    }

    /** The blocks where a setting belongs, in words. */
    private static List<String> allowedIn(Key key) {
        return key.allowed().stream().map(BlockKind::word).toList();
    }
}
