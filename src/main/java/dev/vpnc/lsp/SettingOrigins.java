package dev.vpnc.lsp;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Statement;
import dev.vpnc.resolve.Stdlib;
import dev.vpnc.source.SourceFile;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The block each setting statement of the loaded files is written in: what an editor says when
 * it shows where a value comes from ("profile `edge`", "site `v1`", "stdlib `std.timers`").
 */
final class SettingOrigins {
    /** The block a statement is written in, and the file that holds it. */
    record Origin(BlockKind kind, String name, SourceFile file) {
        boolean stdlib() {
            return Stdlib.isStdlib(file);
        }

        /** "profile `edge`", "gateway `v1-1`", "stdlib `std.timers` (profile `timers-bfd`)". */
        String words() {
            String block = kind.word() + " `" + name + "`";
            if (!stdlib()) {
                return block;
            }
            String module = file.displayName().replaceFirst("^<stdlib>/", "std.").replaceFirst("\\.vpn$", "");
            return "stdlib `" + module + "` (" + block + ")";
        }
    }

    private final Map<Statement.Setting, Origin> origins = new IdentityHashMap<>();

    static SettingOrigins of(List<FileAst> files) {
        SettingOrigins o = new SettingOrigins();
        for (FileAst f : files) {
            for (Declaration d : f.declarations()) {
                for (Statement st : d.body()) {
                    if (st instanceof Statement.Setting s) {
                        o.origins.put(s, new Origin(d.kind(), d.name().text(), f.source()));
                    } else if (st instanceof Statement.Host h) {
                        for (Statement inner : h.body()) {
                            if (inner instanceof Statement.Setting s) {
                                o.origins.put(s, new Origin(h.kind(), h.name().text(), f.source()));
                            }
                        }
                    }
                }
            }
        }
        return o;
    }

    Optional<Origin> of(Statement.Setting s) {
        return Optional.ofNullable(origins.get(s));
    }

    /** The innermost setting statement of {@code file} whose text holds {@code offset}, if any. */
    Optional<Statement.Setting> at(String file, int offset) {
        return origins.keySet().stream()
                .filter(s -> s.span().file().displayName().equals(file))
                .filter(s -> s.span().start() <= offset && offset <= s.span().end())
                // A probe's statement holds its block's (probe down 3): the innermost is meant.
                .min(java.util.Comparator.comparingInt(s -> s.span().end() - s.span().start()));
    }
}
