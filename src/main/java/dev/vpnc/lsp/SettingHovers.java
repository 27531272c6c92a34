package dev.vpnc.lsp;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Key;
import dev.vpnc.ast.Statement;
import dev.vpnc.ast.Value;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.resolve.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Hovers about settings: on a statement, the blocks it gives its value to and those where another
 * statement wins; on a block, every effective setting with the block it comes from. Both read the
 * resolver's own precedence ({@link Provenance}), never a second copy of the rules.
 */
final class SettingHovers {
    /** How many blocks a hover names before it says "and N more" (a network may have 200 hosts). */
    private static final int MAX_LISTED = 12;

    private SettingHovers() {
    }

    /** On a statement: its value, where it is written, and where it applies or is overridden. */
    static String ofStatement(Statement.Setting s, SettingOrigins origins, Provenance provenance, Symbols symbols) {
        Optional<SettingOrigins.Origin> origin = origins.of(s);
        StringBuilder b = new StringBuilder("**`").append(s.key().words()).append("`** `").append(value(List.of(s)))
                .append('`');
        origin.ifPresent(o -> b.append(" — written in ").append(o.words()));
        b.append("\n\nallowed in: ").append(s.key().allowed().stream().map(BlockKind::word).collect(Collectors.joining(", ")))
                .append(" (and profiles)");
        if (provenance == null || origin.isEmpty()) {
            return b.append("\n\n(fix the errors to see where it applies)").toString();
        }
        List<String> applies = new ArrayList<>();
        List<String> overridden = new ArrayList<>();
        for (Provenance.Block block : provenance.blocks()) {
            if (!s.key().allowedIn(block.kind()) || !reaches(origin.get(), block, symbols)) {
                continue;
            }
            List<Statement.Setting> winners = provenance.winners(block, s.key());
            if (winners.stream().anyMatch(w -> w == s)) {
                applies.add(name(block));
            } else if (origin.get().kind() != BlockKind.PROFILE && !winners.isEmpty()) {
                // A profile's statement reaches only the blocks that use it, which the winners do
                // not tell: only the network's, a site's or a host's own can be said overridden.
                overridden.add(name(block) + ": `" + value(winners) + "` from " + from(winners.get(0), origins));
            }
        }
        b.append("\n\napplies to: ").append(applies.isEmpty() ? "no block (another statement wins everywhere)" : listed(applies));
        if (!overridden.isEmpty()) {
            b.append("\n\noverridden in ").append(listed(overridden));
        }
        return b.toString();
    }

    /** On a block: every setting it ends up with, and where each comes from. */
    static String table(Provenance.Block block, SettingOrigins origins, Provenance provenance) {
        StringBuilder b = new StringBuilder("| setting | value | from |\n|---|---|---|\n");
        for (Key key : Key.values()) {
            if (!key.allowedIn(block.kind())) {
                continue;
            }
            List<Statement.Setting> winners = provenance.winners(block, key);
            if (!winners.isEmpty()) {
                b.append("| `").append(key.words()).append("` | `").append(value(winners).replace("|", "\\|"))
                        .append("` | ").append(from(winners.get(0), origins)).append(" |\n");
            }
        }
        return b.toString();
    }

    /** Whether a statement written in {@code origin} is in the precedence chain of {@code block}. */
    private static boolean reaches(SettingOrigins.Origin origin, Provenance.Block block, Symbols symbols) {
        return switch (origin.kind()) {
            case PROFILE, NETWORK -> true;
            case SITE -> block.kind() == BlockKind.SITE ? block.name().equals(origin.name())
                    : block.kind() != BlockKind.NETWORK && origin.name().equals(symbols.siteOf(block.name()));
            default -> block.kind() == origin.kind() && block.name().equals(origin.name());
        };
    }

    private static String from(Statement.Setting s, SettingOrigins origins) {
        return origins.of(s).map(o -> o.words() + (o.stdlib() ? "" : " (" + where(s) + ")")).orElse("?");
    }

    /** "net.vpn:12": the file's name only, as the editor shows it in its tabs. */
    private static String where(Statement.Setting s) {
        Path file = Path.of(s.span().file().displayName()).getFileName();
        return (file == null ? s.span().file().displayName() : file.toString()) + ":" + s.span().line();
    }

    private static String name(Provenance.Block block) {
        return block.kind().word() + " `" + block.name() + "`";
    }

    /** The values as written, short enough for a hover line. */
    private static String value(List<Statement.Setting> statements) {
        return Diagnostic.shorten(statements.stream().flatMap(st -> st.values().stream())
                .map(v -> v instanceof Value.Flag f ? (f.on() ? "on" : "off") : v.span().text())
                .collect(Collectors.joining(", ")));
    }

    private static String listed(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(MAX_LISTED, items.size())));
        return items.size() > MAX_LISTED ? shown + " and " + (items.size() - MAX_LISTED) + " more" : shown;
    }
}
