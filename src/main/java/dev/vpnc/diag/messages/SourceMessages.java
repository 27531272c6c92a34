package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Suggest;
import dev.vpnc.source.Span;
import java.util.Collection;
import java.util.List;

/**
 * The texts of the diagnostics about files, imports and names (E01xx), names once vpnc maps them
 * (E0115-E0117) included. {@code kind} is what a name names, in one word: "site", "gateway",
 * "router", "profile"; {@code block} the kind of block, such as "network".
 */
public final class SourceMessages {
    private SourceMessages() {
    }

    // ---- files and imports ----

    /**
     * A file the source reader would not read: its code and texts are the reader's own
     * ({@code resolve.SourceReader}), written from the file's name and kind, never from its bytes.
     */
    public static Diagnostic.Builder readRefused(Code code, Span at, String message, String label, String help) {
        return Diagnostic.of(code, at, message).label(label).help(help);
    }

    /** {@code modules}: the stdlib's modules, as {@code import} names them. */
    public static Diagnostic.Builder stdlibModuleNotFound(Span at, String module, List<String> modules) {
        return Diagnostic.of(Code.E0101, at, "stdlib module `" + module + "` not found")
                .label("no such module")
                .help("stdlib modules: " + String.join(", ", modules));
    }

    public static Diagnostic.Builder fileImportInStdlib(Span at) {
        return Diagnostic.of(Code.E0101, at, "a stdlib module cannot import files").label("file import in the stdlib");
    }

    /** {@code path}: the import as written (a file path or a stdlib module). */
    public static Diagnostic.Builder importCycle(Span at, String path) {
        return Diagnostic.of(Code.E0102, at, "import cycle: `" + path + "` imports itself, directly or not")
                .label("closes the cycle");
    }

    public static Diagnostic.Builder importsTooDeep(Span at, String path, int max) {
        return Diagnostic.of(Code.E0109, at, "imports nested more than " + max + " deep")
                .label("`" + path + "` is one level too many")
                .help("import shared files from the main file instead of chaining each file to the next");
    }

    // ---- declarations and names ----

    public static Diagnostic.Builder noNetwork(Span at) {
        return Diagnostic.of(Code.E0105, at, "no `network` is declared").label("in this file or its imports");
    }

    public static Diagnostic.Builder secondNetwork(Span at, Span first) {
        return Diagnostic.of(Code.E0105, at, "a second `network` is declared")
                .label("second network")
                .also(first, "first network");
    }

    public static Diagnostic.Builder declaredTwice(Span at, String name, Span first) {
        return Diagnostic.of(Code.E0104, at, "`" + name + "` is declared twice")
                .label("declared again here")
                .also(first, "first declared here");
    }

    /** A host named like a folder of the output root, such as the playbook's; the case may differ. */
    public static Diagnostic.Builder hostNamedLikeFolder(Span at, String host, String folder) {
        return Diagnostic.of(Code.E0104, at, "`" + host + "` is the name of a folder vpnc writes")
                .label("its bundle would share `" + folder + "/` with the playbook"
                        + (folder.equals(host) ? "" : " on a case-insensitive file system"))
                .help("rename the host");
    }

    public static Diagnostic.Builder hostNamedLikeGroup(Span at, String host) {
        return Diagnostic.of(Code.E0104, at, "`" + host + "` is the name of a group in the Ansible inventory")
                .label("Ansible would merge this host with the group, and drop its variables")
                .help("rename the host");
    }

    /** {@code sites}: the declared sites, for "did you mean" and its fix. */
    public static Diagnostic.Builder unknownHub(Span at, String name, Collection<String> sites) {
        return Suggest.unknownName(Diagnostic.of(Code.E0103, at, "unknown site `" + name + "`").label("hubs are sites"),
                at, name, sites, "site");
    }

    /** {@code candidates}: the declared sites and gateways, for "did you mean" and its fix. */
    public static Diagnostic.Builder unknownLinkEnd(Span at, String name, Collection<String> candidates) {
        return Suggest.unknownName(Diagnostic.of(Code.E0103, at, "unknown site or gateway `" + name + "`").label("not declared"),
                at, name, candidates, "site or gateway");
    }

    /** {@code profiles}: the declared profiles, for "did you mean" and its fix. */
    public static Diagnostic.Builder unknownProfile(Span at, String name, Collection<String> profiles) {
        return Suggest.unknownName(Diagnostic.of(Code.E0103, at, "unknown profile `" + name + "`").label("not declared"),
                at, name, profiles, "profile");
    }

    public static Diagnostic.Builder profileCycle(Span at, String profile) {
        return Diagnostic.of(Code.E0102, at, "profile `" + profile + "` uses itself, directly or not")
                .label("closes the cycle")
                .help("remove one of the `uses` in the cycle");
    }

    /** {@code profile}: the first profile past the limit of {@code max}. */
    public static Diagnostic.Builder profilesTooDeep(Span at, String profile, int max) {
        return Diagnostic.of(Code.E0109, at, "profiles nested more than " + max + " deep")
                .label("profile `" + profile + "` is one level too many")
                .help("flatten the chain: let one profile `uses` several others instead of each using the next");
    }

    // ---- placement of statements ----

    public static Diagnostic.Builder hostInProfile(Span at, String kind, String profile) {
        return Diagnostic.of(Code.E0106, at, "a " + kind + " cannot be declared in a profile")
                .label("declared in profile `" + profile + "`")
                .help("declare gateways and routers inside their `site NAME { ... }` block; a profile holds settings only");
    }

    public static Diagnostic.Builder hostInBlock(Span at, String kind, String block) {
        return Diagnostic.of(Code.E0106, at, "a " + kind + " cannot be declared in a " + block)
                .label("declared in a " + block)
                .help("declare gateways and routers inside their `site NAME { ... }` block");
    }

    /** {@code allowedIn}: the blocks where the setting belongs. */
    public static Diagnostic.Builder settingNotAllowed(Span at, String setting, String block, Collection<String> allowedIn) {
        return Diagnostic.of(Code.E0106, at, "`" + setting + "` does not apply to a " + block)
                .label("not allowed in a " + block)
                .help(placement(setting, allowedIn));
    }

    /** A profile's setting that does not apply to a block using the profile, at {@code use}. */
    public static Diagnostic.Builder profileSettingNotAllowed(Span at, String setting, String block, String profile, Span use,
                                                              Collection<String> allowedIn) {
        return Diagnostic.of(Code.E0106, at, "`" + setting + "` does not apply to a " + block)
                .label("set by profile `" + profile + "`")
                .also(use, "used by a " + block + " here")
                .help(placement(setting, allowedIn));
    }

    private static String placement(String setting, Collection<String> allowedIn) {
        return "`" + setting + "` belongs in a " + String.join(" or ", allowedIn.stream().sorted().toList())
                + " block (or a profile one uses)";
    }

    public static Diagnostic.Builder settingTwice(Span at, String setting, Span first) {
        return Diagnostic.of(Code.E0107, at, "`" + setting + "` is set twice in this block")
                .label("set again here")
                .also(first, "first set here");
    }

    // ---- E0115-E0117: names once mapped to BIRD symbols, folders and inventory hosts ----

    /** Two sites whose BIRD symbols are one; {@code mapped} is what both become. */
    public static Diagnostic.Builder siteSymbolsCollide(Span at, String site, Span firstAt, String firstSite, String mapped,
                                                        String setSymbol, String filterSymbol) {
        return collision(at, "site", site, firstAt, "site", firstSite, mapped,
                "become the same BIRD symbols (`" + setSymbol + "`, `" + filterSymbol + "`)", "in BIRD symbols",
                "rename one of the sites: in BIRD symbols a site's name is lower-cased and every `-` becomes `_`");
    }

    /** Two hosts whose BGP session names are one; {@code mapped} is what both become. */
    public static Diagnostic.Builder sessionNamesCollide(Span at, String kind, String host, Span firstAt, String firstKind,
                                                         String firstHost, String mapped, String tunnelSession,
                                                         String lanSession) {
        return collision(at, kind, host, firstAt, firstKind, firstHost, mapped,
                "become the same name in BIRD's session names (`" + tunnelSession + "`, `" + lanSession + "`)",
                "in BGP session names",
                "rename one of them: BGP session names keep letters, digits and `_`, and every `-` becomes `_`");
    }

    /** Two hosts whose names differ only in case; {@code mapped} is the name lower-cased. */
    public static Diagnostic.Builder hostsDifferInCase(Span at, String kind, String host, Span firstAt, String firstKind,
                                                       String firstHost, String mapped) {
        return collision(at, kind, host, firstAt, firstKind, firstHost, mapped,
                "differ only in case: their bundle folders `" + firstHost + "/` and `" + host
                        + "/`, and their key store folders, are one folder on a case-insensitive file system",
                "once case is folded",
                "rename one of them: host names must differ in more than case (macOS and Windows fold it)");
    }

    /** Reads "sites `a` and `b` " + what, or "gateway `a` and router `b` " + what. */
    private static Diagnostic.Builder collision(Span at, String kind, String name, Span firstAt, String firstKind,
                                                String firstName, String mapped, String what, String where, String help) {
        String both = firstKind.equals(kind) ? kind + "s `" + firstName + "` and `" + name + "`"
                : named(firstKind, firstName) + " and " + named(kind, name);
        return Diagnostic.of(Code.E0115, at, both + " " + what)
                .label("becomes `" + mapped + "` " + where)
                .also(firstAt, "also becomes `" + mapped + "`")
                .help(help);
    }

    /** A site name that gives the symbol of one of vpnc's own filters, for the site's {@code subject}. */
    public static Diagnostic.Builder reservedFilterSymbol(Span at, String kind, String name, String symbol, String subject) {
        return reservedSymbol(at, kind, name, symbol, "vpnc's own filter for the " + subject + " of a site");
    }

    public static Diagnostic.Builder keywordSymbol(Span at, String kind, String name, String symbol) {
        return reservedSymbol(at, kind, name, symbol, "a BIRD keyword (a BGP attribute)");
    }

    private static Diagnostic.Builder reservedSymbol(Span at, String kind, String name, String symbol, String whose) {
        return Diagnostic.of(Code.E0116, at, named(kind, name) + " gives the BIRD symbol `" + symbol + "`, which is " + whose)
                .label("becomes `" + symbol + "`")
                .help("rename the " + kind + ", e.g. `" + name + "-1`");
    }

    /** {@code symbol}: the longest symbol the name gives; {@code max}: BIRD's limit. */
    public static Diagnostic.Builder symbolTooLong(Span at, String kind, String name, String symbol, int max) {
        int fits = name.length() - (symbol.length() - max);
        return Diagnostic.of(Code.E0117, at, named(kind, name) + " gives the BIRD symbol `" + symbol
                        + "` of " + symbol.length() + " characters; BIRD allows " + max)
                .label(name.length() + " characters")
                .help("shorten the " + kind + "'s name to " + fits + " characters or fewer");
    }

    private static String named(String kind, String name) {
        return kind + " `" + name + "`";
    }
}
