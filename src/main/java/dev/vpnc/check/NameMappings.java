package dev.vpnc.check;

import dev.vpnc.ast.Name;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Names once vpnc has turned them into something else: BIRD symbols ({@link BirdNames}), folders
 * of the output and the key store, hosts of the Ansible inventory. Two names that become one, or
 * a name that becomes something BIRD or Ansible reads otherwise, are reported here, before the
 * emitter would write a config BIRD rejects, merge two bundles or stop with an internal error.
 */
public final class NameMappings {
    /** Inventory groups of vpnc's gateways and internal routers (the playbook names them too). */
    public static final String GATEWAY_GROUP = "vpnc_gateways";
    public static final String ROUTER_GROUP = "vpnc_routers";
    /**
     * Groups of the inventory: Ansible's implicit two and vpnc's. A host of one of these names is
     * merged with the group: Ansible only warns, and the host loses its variables.
     */
    public static final Set<String> ANSIBLE_GROUPS = Set.of("all", "ungrouped", GATEWAY_GROUP, ROUTER_GROUP);

    private final Diagnostics diagnostics;

    private NameMappings(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A declared name and what it names ("site", "gateway", "router"), for messages. */
    private record Named(Name name, String kind) {
        String text() {
            return name.text();
        }

        String quoted() {
            return kind + " `" + name.text() + "`";
        }
    }

    static void check(Model model, Diagnostics diagnostics) {
        NameMappings c = new NameMappings(diagnostics);
        List<Named> sites = new ArrayList<>();
        List<Named> hosts = new ArrayList<>();
        for (Model.Site s : model.sites()) {
            sites.add(new Named(s.name(), "site"));
            s.gateways().forEach(g -> hosts.add(new Named(g.name(), "gateway")));
            s.routers().forEach(r -> hosts.add(new Named(r.name(), "router")));
        }
        Comparator<Named> sourceOrder = Comparator.comparing((Named n) -> n.name().span().file().displayName())
                .thenComparingInt(n -> n.name().span().start());
        sites.sort(sourceOrder);
        hosts.sort(sourceOrder);

        c.collisions(sites, BirdNames::site, "in BIRD symbols", (first, again, mapped) -> "become the same BIRD symbols (`"
                        + BirdNames.siteSet(again.text(), true) + "`, `" + BirdNames.from(mapped, true) + "`)",
                "rename one of the sites: in BIRD symbols a site's name is lower-cased and every `-` becomes `_`");
        c.collisions(hosts, h -> BirdNames.session("", h), "in BGP session names", (first, again, mapped) ->
                        "become the same name in BIRD's session names (`" + BirdNames.session(BirdNames.TUNNEL_SESSION, mapped)
                                + "`, `" + BirdNames.session(BirdNames.LAN_SESSION, mapped) + "`)",
                "rename one of them: BGP session names keep letters, digits and `_`, and every `-` becomes `_`");
        c.collisions(hosts, h -> h.toLowerCase(Locale.ROOT), "once case is folded", (first, again, mapped) ->
                        "differ only in case: their bundle folders `" + first.text() + "/` and `" + again.text()
                                + "/`, and their key store folders, are one folder on a case-insensitive file system",
                "rename one of them: host names must differ in more than case (macOS and Windows fold it)");
        for (Named s : sites) {
            c.birdSymbols(s, BirdNames.siteSymbols(s.text()));
            String subject = BirdNames.site(s.text());
            if (BirdNames.FIXED_FILTER_SUBJECTS.contains(subject)) {
                c.reservedSymbol(s, BirdNames.from(subject, true), "vpnc's own filter for the " + subject + " of a site");
            }
        }
        for (Named h : hosts) {
            c.birdSymbols(h, BirdNames.hostSymbols(h.text()));
            BirdNames.hostSymbols(h.text()).stream().filter(BirdNames.KEYWORDS::contains).findFirst()
                    .ifPresent(k -> c.reservedSymbol(h, k, "a BIRD keyword (a BGP attribute)"));
            c.notAFolderOrGroup(h);
        }
    }

    /** How a collision reads: "sites `a` and `b` " + what. */
    private interface Collision {
        String what(Named first, Named again, String mapped);
    }

    /** Reports each name that maps to what an earlier one maps to (identical names are E0104). */
    private void collisions(List<Named> names, Function<String, String> mapping, String where, Collision collision,
                            String help) {
        Map<String, Named> seen = new HashMap<>();
        for (Named n : names) {
            String mapped = mapping.apply(n.text());
            Named first = seen.putIfAbsent(mapped, n);
            if (first == null || first.text().equals(n.text())) {
                continue;
            }
            String kinds = first.kind().equals(n.kind()) ? n.kind() + "s `" + first.text() + "` and `" + n.text() + "`"
                    : first.quoted() + " and " + n.quoted();
            diagnostics.add(Diagnostic.of(Code.E0115, n.name().span(), kinds + " " + collision.what(first, n, mapped))
                    .label("becomes `" + mapped + "` " + where)
                    .also(first.name().span(), "also becomes `" + mapped + "`")
                    .help(help));
        }
    }

    /** The longest symbol a name gives must fit BIRD's limit. */
    private void birdSymbols(Named n, List<String> symbols) {
        String longest = symbols.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        if (longest.length() > BirdNames.MAX_SYMBOL) {
            int fits = n.text().length() - (longest.length() - BirdNames.MAX_SYMBOL);
            diagnostics.add(Diagnostic.of(Code.E0117, n.name().span(), n.quoted() + " gives the BIRD symbol `" + longest
                            + "` of " + longest.length() + " characters; BIRD allows " + BirdNames.MAX_SYMBOL)
                    .label(n.text().length() + " characters")
                    .help("shorten the " + n.kind() + "'s name to " + fits + " characters or fewer"));
        }
    }

    private void reservedSymbol(Named n, String symbol, String whose) {
        diagnostics.add(Diagnostic.of(Code.E0116, n.name().span(), n.quoted() + " gives the BIRD symbol `" + symbol
                        + "`, which is " + whose)
                .label("becomes `" + symbol + "`")
                .help("rename the " + n.kind() + ", e.g. `" + n.text() + "-1`"));
    }

    /**
     * A host's bundle is the output folder of its name, and it is a host of the Ansible
     * inventory: it may not share the folder of the playbook (on a case-insensitive file system
     * either), nor the name of a group.
     */
    private void notAFolderOrGroup(Named h) {
        for (String folder : Checks.OUTPUT_FOLDERS) {
            if (folder.equalsIgnoreCase(h.text())) {
                diagnostics.add(Diagnostic.of(Code.E0104, h.name().span(), "`" + h.text() + "` is the name of a folder vpnc writes")
                        .label("its bundle would share `" + folder + "/` with the playbook"
                                + (folder.equals(h.text()) ? "" : " on a case-insensitive file system"))
                        .help("rename the host"));
            }
        }
        if (ANSIBLE_GROUPS.contains(h.text())) {
            diagnostics.add(Diagnostic.of(Code.E0104, h.name().span(), "`" + h.text() + "` is the name of a group in the Ansible inventory")
                    .label("Ansible would merge this host with the group, and drop its variables")
                    .help("rename the host"));
        }
    }
}
