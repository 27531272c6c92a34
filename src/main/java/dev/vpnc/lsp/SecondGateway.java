package dev.vpnc.lsp;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Fix;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix of W0302, a site with one gateway: a second one declared on the line after the first,
 * with the same profiles and a fresh name ({@code par-1} gives {@code par-2}, {@code gw} gives
 * {@code gw-2}). The check that raises W0302 sees the resolved model, which keeps neither the
 * gateway's statement nor its {@code uses}: the fix is made here, from the buffer's syntax tree,
 * found by the diagnostic's code and span (the site's name).
 */
final class SecondGateway {
    private SecondGateway() {
    }

    /**
     * What the stub's endpoint says until the user writes the address. It must not compile: a
     * stub without {@code endpoint} would take the first gateway's from a profile that sets one,
     * and two gateways at one address compile without a word. A name with {@code _} is no DNS
     * name, so vpnc reports it (E0201) where it stands.
     */
    static final String ENDPOINT_PLACEHOLDER = "ADDRESS_TO_FILL_IN";

    static Optional<Fix> of(Diagnostic d, List<FileAst> files) {
        if (d.code() != Code.W0302) {
            return Optional.empty();
        }
        for (FileAst f : files) {
            for (Declaration decl : f.declarations()) {
                if (decl instanceof Declaration.Site site && site.name().span().equals(d.span())) {
                    List<Statement.Host> gateways = site.body().stream()
                            .filter(s -> s instanceof Statement.Host h && h.kind() == BlockKind.GATEWAY)
                            .map(Statement.Host.class::cast).toList();
                    return gateways.size() == 1 ? Optional.of(fix(site, gateways.get(0), files)) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Fix fix(Declaration.Site site, Statement.Host first, List<FileAst> files) {
        String name = freshName(first.name().text(), declaredNames(files));
        String stub = "gateway " + name + (first.uses().isEmpty() ? ""
                : " uses " + String.join(", ", first.uses().stream().map(Name::text).toList()))
                + " { endpoint " + ENDPOINT_PLACEHOLDER + " }";
        return new Fix("Add a second gateway to site `" + site.name().text() + "` (then write its endpoint)",
                List.of(insertion(first.span(), stub)), false);
    }

    /**
     * The stub on a line of its own after the gateway's statement (after its body's closing brace),
     * indented as the gateway is.
     */
    private static Fix.Edit insertion(Span gateway, String stub) {
        SourceFile f = gateway.file();
        int first = gateway.line();
        int last = gateway.endLine();
        String before = f.lineText(first).substring(0, gateway.column() - 1);
        int lastEnd = f.offset(last, 1) + f.lineText(last).length();
        String after = f.text().substring(gateway.end(), Math.max(gateway.end(), lastEnd));
        String newline = f.text().startsWith("\r\n", lastEnd) ? "\r\n" : "\n";
        if (before.isBlank() && (after.isBlank() || after.strip().startsWith("#")) && last < f.lineCount()
                && lastEnd < f.text().length()) {
            int next = f.offset(last + 1, 1);
            return new Fix.Edit(new Span(f, next, next), before + stub + newline);
        }
        // The gateway shares its line with other code (`site a { gateway a-1 }`): the stub goes
        // right after it, on a new line; formatting the file lays out the rest.
        String indent = before.isBlank() ? before : f.lineText(first).replaceAll("^(\\s*).*$", "$1") + "  ";
        return new Fix.Edit(new Span(f, gateway.end(), gateway.end()), newline + indent + stub);
    }

    private static final Pattern NUMBERED = Pattern.compile("(.*[^0-9])([0-9]{1,9})");

    /**
     * The next name after {@code name} that no site, gateway, router, network or profile has, even
     * once vpnc maps it (case folded, {@code -} as {@code _}, as BIRD symbols and folders do).
     */
    static String freshName(String name, Set<String> declared) {
        Matcher m = NUMBERED.matcher(name);
        String stem = m.matches() ? m.group(1) : name + "-";
        int width = m.matches() ? m.group(2).length() : 1;
        long n = m.matches() ? Long.parseLong(m.group(2)) + 1 : 2;
        while (true) {
            String candidate = stem + String.format(Locale.ROOT, "%0" + width + "d", n);
            if (!declared.contains(mapped(candidate))) {
                return candidate;
            }
            n++;
        }
    }

    /** Every name declared in the loaded files, as vpnc maps it. */
    static Set<String> declaredNames(List<FileAst> files) {
        Set<String> names = new HashSet<>();
        for (FileAst f : files) {
            for (Declaration d : f.declarations()) {
                names.add(mapped(d.name().text()));
                for (Statement s : d.body()) {
                    if (s instanceof Statement.Host h) {
                        names.add(mapped(h.name().text()));
                    }
                }
            }
        }
        return names;
    }

    private static String mapped(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
