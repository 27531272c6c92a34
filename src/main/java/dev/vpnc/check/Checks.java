package dev.vpnc.check;

import dev.vpnc.ast.Value;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.TopologyMessages;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.Span;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks on the resolved model that need the whole network in view. */
public final class Checks {
    private final Diagnostics diagnostics;

    private Checks(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public static void run(Model model, Diagnostics diagnostics) {
        Checks c = new Checks(diagnostics);
        c.prefixes(model);
        c.sites(model);
        c.asns(model);
        c.mesh(model);
        for (Model.Site site : model.sites()) {
            for (Model.Gateway g : site.gateways()) {
                c.gateway(model, g);
            }
            for (Model.Router r : site.routers()) {
                c.router(site, r);
            }
        }
        Interfaces.check(model, diagnostics);
        Probes.check(model, diagnostics);
        NameMappings.check(model, diagnostics);
    }

    /** The output's folder for the fleet's Ansible inventory and playbook (emit writes it). */
    public static final String FLEET_FOLDER = "ansible";
    /** Folders of the output root that are not hosts; a host of that name would share it. */
    public static final Set<String> OUTPUT_FOLDERS = Set.of(FLEET_FOLDER);

    /** No address space may belong to two owners: site prefixes, LAN subnets, tunnel pools. */
    /** A prefix, who declared it, and the first and last address it covers. */
    private record Owned(Model.Pfx pfx, String owner, String site, boolean subnet, BigInteger lower, BigInteger upper) {
        Owned(Model.Pfx pfx, String owner, String site, boolean subnet) {
            this(pfx, owner, site, subnet, pfx.prefix().toPrefixBlock().getLower().getValue(),
                    pfx.prefix().toPrefixBlock().getUpper().getValue());
        }

        boolean ipv6() {
            return pfx.prefix().isIPv6();
        }
    }

    private void prefixes(Model model) {
        List<Owned> all = new ArrayList<>();
        Model.Network n = model.network();
        if (n.tunnels6() != null) {
            all.add(new Owned(n.tunnels6(), TopologyMessages.tunnelPoolOwner(true), null, false));
        }
        if (n.tunnels4() != null) {
            all.add(new Owned(n.tunnels4(), TopologyMessages.tunnelPoolOwner(false), null, false));
        }
        for (Model.Site s : model.sites()) {
            String site = s.name().text();
            String owner = TopologyMessages.siteOwner(site);
            s.prefixes6().forEach(p -> all.add(new Owned(p, owner, site, false)));
            s.prefixes4().forEach(p -> all.add(new Owned(p, owner, site, false)));
            if (s.subnet6() != null) {
                all.add(new Owned(s.subnet6(), TopologyMessages.siteSubnetOwner(site), site, true));
            }
            if (s.subnet4() != null) {
                all.add(new Owned(s.subnet4(), TopologyMessages.siteSubnetOwner(site), site, true));
            }
        }
        // Prefixes are nested or disjoint, so one sweep in address order finds every overlap: the
        // prefixes still open when one starts are exactly those that contain it. Linear, where
        // comparing every pair would take minutes for ten thousand sites.
        Comparator<Owned> sourceOrder = Comparator.comparing((Owned o) -> o.pfx().span().file().displayName())
                .thenComparingInt(o -> o.pfx().span().start());
        all.sort(Comparator.comparing(Owned::ipv6).thenComparing(Owned::lower)
                .thenComparingInt(o -> prefixLength(o.pfx())).thenComparing(sourceOrder));
        Deque<Owned> open = new ArrayDeque<>();
        for (Owned next : all) {
            // Whatever is below the top contains the top, so popping what ended keeps only containers.
            while (!open.isEmpty() && (open.peek().ipv6() != next.ipv6() || open.peek().upper().compareTo(next.lower()) < 0)) {
                open.pop();
            }
            int reported = 0;
            for (Iterator<Owned> it = open.iterator(); it.hasNext() && reported < MAX_OVERLAPS_PER_PREFIX; ) {
                Owned[] ordered = {it.next(), next};
                Arrays.sort(ordered, sourceOrder);
                if (overlap(ordered[0], ordered[1])) {
                    reported++;
                }
            }
            open.push(next);
        }
    }

    /** Enough to show a prefix's conflicts without listing a thousand copies of one mistake. */
    private static final int MAX_OVERLAPS_PER_PREFIX = 3;

    private static int prefixLength(Model.Pfx p) {
        Integer length = p.prefix().getNetworkPrefixLength();
        return length == null ? p.prefix().getBitCount() : length;
    }

    /** Reports {@code b} (declared later) against {@code a}, which contains it or equals it. */
    private boolean overlap(Owned a, Owned b) {
        boolean sameSite = a.site() != null && a.site().equals(b.site());
        if (sameSite && (a.subnet() != b.subnet())) {
            // A site may carve its LAN out of one of its own prefixes.
            Owned subnet = a.subnet() ? a : b;
            Owned prefix = a.subnet() ? b : a;
            if (prefix.pfx().prefix().contains(subnet.pfx().prefix())) {
                return false;
            }
        }
        diagnostics.add(a.pfx().prefix().equals(b.pfx().prefix())
                ? TopologyMessages.prefixDeclaredTwice(b.pfx().span(), b.pfx().toString(), b.owner(), a.pfx().span(), a.owner(),
                        sameSite)
                : TopologyMessages.prefixesOverlap(b.pfx().span(), b.pfx().toString(), b.owner(), a.pfx().span(),
                        a.pfx().toString(), a.owner(), sameSite));
        return true;
    }

    private void sites(Model model) {
        for (Model.Site s : model.sites()) {
            if (s.gateways().isEmpty()) {
                diagnostics.add(TopologyMessages.siteWithoutGateway(s.name().span(), s.name().text()));
            } else if (s.gateways().size() == 1) {
                diagnostics.add(TopologyMessages.siteWithOneGateway(s.name().span(), s.name().text(),
                        s.gateways().get(0).name().span()));
            }
            if (!s.prefixes4().isEmpty() && model.network().tunnels4() == null) {
                diagnostics.add(TopologyMessages.ipv4WithoutTunnelPool(s.prefixes4().get(0).span(), s.name().text(),
                        model.network().name().span()));
            }
            if (s.subnet6() == null) {
                diagnostics.add(TopologyMessages.siteWithoutSubnet(s.name().span(), s.name().text()));
            }
            if (!s.prefixes4().isEmpty() && s.subnet4() == null) {
                diagnostics.add(TopologyMessages.siteWithoutIpv4Subnet(s.name().span(), s.name().text()));
            }
            if (s.prefixes6().isEmpty() && s.prefixes4().isEmpty()) {
                diagnostics.add(TopologyMessages.siteWithoutPrefixes(s.name().span(), s.name().text()));
            }
        }
    }

    private void asns(Model model) {
        Map<Long, Model.Site> owners = new HashMap<>();
        List<Model.Site> inSourceOrder = new ArrayList<>(model.sites());
        inSourceOrder.sort(Comparator.comparing((Model.Site s) -> s.name().span().file().displayName())
                .thenComparingInt(s -> s.name().span().start()));
        for (Model.Site s : inSourceOrder) {
            if (s.asn() == null) {
                continue;
            }
            Model.Site first = owners.putIfAbsent(s.asn().value(), s);
            Model.Located<Long> oneAs = model.network().oneAs();
            if (first != null && !(oneAs != null && s.asn().span().equals(oneAs.span()))) {
                boolean shared = s.asn().span().equals(first.asn().span());
                diagnostics.add(shared
                        ? TopologyMessages.asnSharedBySites(s.name().span(), s.asn().value(), s.name().text(),
                                first.name().span(), first.name().text(), s.asn().span())
                        : TopologyMessages.asnUsedTwice(s.asn().span(), s.asn().value(), s.name().text(),
                                first.asn().span(), first.name().text()));
            }
        }
    }

    private void mesh(Model model) {
        if (model.network().links() == null) {
            return;  // a full mesh, or hubs that carry every spoke's traffic
        }
        // A link end is a site or one of its gateways; what must be linked is every pair of sites.
        Map<String, String> siteOf = new HashMap<>();
        model.sites().forEach(s -> {
            siteOf.put(s.name().text(), s.name().text());
            s.gateways().forEach(g -> siteOf.put(g.name().text(), s.name().text()));
        });
        Set<Model.SitePair> linked = new HashSet<>();
        for (Model.Link l : model.network().links()) {
            String a = siteOf.get(l.a().text());
            String b = siteOf.get(l.b().text());
            if (a == null || b == null) {
                continue;  // unknown name, reported by the resolver
            }
            if (a.equals(b)) {
                diagnostics.add(a.equals(l.a().text()) && a.equals(l.b().text())
                        ? TopologyMessages.siteLinkedToItself(l.span(), a) : TopologyMessages.linkWithinSite(l.span(), a));
            } else {
                linked.add(Model.SitePair.of(a, b));
            }
        }
        List<Model.Site> sites = model.sites();
        Span at = model.network().links().isEmpty() ? model.network().name().span() : model.network().links().get(0).span();
        // Each missing pair is named up to a few; past that, one count. Counted from the links
        // (as many as the input holds), so ten thousand unlinked sites cost no fifty million checks.
        long names = sites.stream().map(x -> x.name().text()).distinct().count();
        long missing = names * (names - 1) / 2 - Math.min(linked.size(), names * (names - 1) / 2);
        int named = 0;
        for (int i = 0; i < sites.size() && named < MAX_UNLINKED_NAMED && named < missing; i++) {
            for (int j = i + 1; j < sites.size() && named < MAX_UNLINKED_NAMED; j++) {
                String a = sites.get(i).name().text();
                String b = sites.get(j).name().text();
                if (!a.equals(b) && !linked.contains(Model.SitePair.of(a, b))) {
                    named++;
                    diagnostics.add(TopologyMessages.sitesNotLinked(at, a, b));
                }
            }
        }
        if (missing > named) {
            diagnostics.add(TopologyMessages.moreSitesNotLinked(at, missing - named));
        }
    }

    /** How many unlinked site pairs W0315 names one by one. */
    private static final int MAX_UNLINKED_NAMED = 10;

    private void gateway(Model model, Model.Gateway g) {
        if (g.endpoint() != null && !g.endpoint().isDnsName()) {
            Value.Family family = g.endpoint().address().isIPv6() ? Value.Family.IPV6 : Value.Family.IPV4;
            if (!model.network().underlay().contains(family)) {
                diagnostics.add(TopologyMessages.endpointOutsideUnderlay(g.endpoint().span(), g.name().text(),
                        family == Value.Family.IPV6, model.network().underlay().contains(Value.Family.IPV6),
                        model.network().name().span(), model.network().name().text()));
            }
        }
        if (g.uplink() == null) {
            diagnostics.add(TopologyMessages.gatewayWithoutUplink(g.name().span(), g.name().text()));
        }
        if (g.lan().isEmpty()) {
            diagnostics.add(TopologyMessages.gatewayWithoutLan(g.name().span(), g.name().text()));
        }
    }

    private void router(Model.Site site, Model.Router r) {
        if (r.lan() == null) {
            diagnostics.add(TopologyMessages.routerWithoutLan(r.name().span(), r.name().text()));
        }
        PrefixCover own = new PrefixCover();
        site.prefixes6().forEach(p -> own.add(p.prefix()));
        site.prefixes4().forEach(p -> own.add(p.prefix()));
        List<Model.Pfx> announced = new ArrayList<>(r.prefixes6());
        announced.addAll(r.prefixes4());
        for (Model.Pfx p : announced) {
            if (!own.covers(p.prefix())) {
                diagnostics.add(TopologyMessages.prefixOutsideSite(p.span(), p.toString(), site.name().text(),
                        site.name().span()));
            }
        }
    }
}
