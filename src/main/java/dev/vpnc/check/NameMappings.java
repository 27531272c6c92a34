package dev.vpnc.check;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Name;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SourceMessages;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.Span;
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

        Span span() {
            return name.span();
        }
    }

    static void check(Model model, Diagnostics diagnostics) {
        NameMappings c = new NameMappings(diagnostics);
        List<Named> sites = new ArrayList<>();
        List<Named> hosts = new ArrayList<>();
        for (Model.Site s : model.sites()) {
            sites.add(new Named(s.name(), BlockKind.SITE.word()));
            s.gateways().forEach(g -> hosts.add(new Named(g.name(), BlockKind.GATEWAY.word())));
            s.routers().forEach(r -> hosts.add(new Named(r.name(), BlockKind.ROUTER.word())));
        }
        Comparator<Named> sourceOrder = Comparator.comparing((Named n) -> n.name().span().file().displayName())
                .thenComparingInt(n -> n.name().span().start());
        sites.sort(sourceOrder);
        hosts.sort(sourceOrder);

        c.collisions(sites, BirdNames::site, (first, again, mapped) -> SourceMessages.siteSymbolsCollide(
                again.span(), again.text(), first.span(), first.text(), mapped,
                BirdNames.siteSet(again.text(), true), BirdNames.from(mapped, true)));
        c.collisions(hosts, h -> BirdNames.session("", h), (first, again, mapped) -> SourceMessages.sessionNamesCollide(
                again.span(), again.kind(), again.text(), first.span(), first.kind(), first.text(), mapped,
                BirdNames.session(BirdNames.TUNNEL_SESSION, mapped), BirdNames.session(BirdNames.LAN_SESSION, mapped)));
        c.collisions(hosts, h -> h.toLowerCase(Locale.ROOT), (first, again, mapped) -> SourceMessages.hostsDifferInCase(
                again.span(), again.kind(), again.text(), first.span(), first.kind(), first.text(), mapped));
        for (Named s : sites) {
            c.birdSymbols(s, BirdNames.siteSymbols(s.text()));
            String subject = BirdNames.site(s.text());
            if (BirdNames.FIXED_FILTER_SUBJECTS.contains(subject)) {
                c.diagnostics.add(SourceMessages.reservedFilterSymbol(s.span(), s.kind(), s.text(),
                        BirdNames.from(subject, true), subject));
            }
        }
        for (Named h : hosts) {
            c.birdSymbols(h, BirdNames.hostSymbols(h.text()));
            BirdNames.hostSymbols(h.text()).stream().filter(BirdNames.KEYWORDS::contains).findFirst()
                    .ifPresent(k -> c.diagnostics.add(SourceMessages.keywordSymbol(h.span(), h.kind(), h.text(), k)));
            c.notAFolderOrGroup(h);
        }
    }

    /** The diagnostic of {@code again}, which maps to what {@code first} maps to: {@code mapped}. */
    private interface Collision {
        Diagnostic.Builder report(Named first, Named again, String mapped);
    }

    /** Reports each name that maps to what an earlier one maps to (identical names are E0104). */
    private void collisions(List<Named> names, Function<String, String> mapping, Collision collision) {
        Map<String, Named> seen = new HashMap<>();
        for (Named n : names) {
            String mapped = mapping.apply(n.text());
            Named first = seen.putIfAbsent(mapped, n);
            if (first == null || first.text().equals(n.text())) {
                continue;
            }
            diagnostics.add(collision.report(first, n, mapped));
        }
    }

    /** The longest symbol a name gives must fit BIRD's limit. */
    private void birdSymbols(Named n, List<String> symbols) {
        String longest = symbols.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        if (longest.length() > BirdNames.MAX_SYMBOL) {
            diagnostics.add(SourceMessages.symbolTooLong(n.span(), n.kind(), n.text(), longest, BirdNames.MAX_SYMBOL));
        }
    }

    /**
     * A host's bundle is the output folder of its name, and it is a host of the Ansible
     * inventory: it may not share the folder of the playbook (on a case-insensitive file system
     * either), nor the name of a group.
     */
    private void notAFolderOrGroup(Named h) {
        for (String folder : Checks.OUTPUT_FOLDERS) {
            if (folder.equalsIgnoreCase(h.text())) {
                diagnostics.add(SourceMessages.hostNamedLikeFolder(h.span(), h.text(), folder));
            }
        }
        if (ANSIBLE_GROUPS.contains(h.text())) {
            diagnostics.add(SourceMessages.hostNamedLikeGroup(h.span(), h.text()));
        }
    }
}
