package dev.vpnc.check;

import dev.vpnc.ast.Value;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
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
            all.add(new Owned(n.tunnels6(), "the IPv6 tunnel pool", null, false));
        }
        if (n.tunnels4() != null) {
            all.add(new Owned(n.tunnels4(), "the IPv4 tunnel pool", null, false));
        }
        for (Model.Site s : model.sites()) {
            String owner = "site `" + s.name().text() + "`";
            String site = s.name().text();
            s.prefixes6().forEach(p -> all.add(new Owned(p, owner, site, false)));
            s.prefixes4().forEach(p -> all.add(new Owned(p, owner, site, false)));
            if (s.subnet6() != null) {
                all.add(new Owned(s.subnet6(), owner + " (LAN subnet)", site, true));
            }
            if (s.subnet4() != null) {
                all.add(new Owned(s.subnet4(), owner + " (LAN subnet)", site, true));
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
        String what = a.pfx().prefix().equals(b.pfx().prefix()) ? "is declared twice" : "overlaps `" + a.pfx() + "`";
        diagnostics.add(Diagnostic.of(Code.E0301, b.pfx().span(), "`" + b.pfx() + "` " + what)
                .label("owned by " + b.owner())
                .also(a.pfx().span(), "owned by " + a.owner())
                .help(sameSite ? "a site's prefixes must not overlap each other; a LAN subnet may only lie inside one of them"
                        : "each prefix may belong to one site only; routers would not know where to send it"));
        return true;
    }

    private void sites(Model model) {
        for (Model.Site s : model.sites()) {
            if (s.gateways().isEmpty()) {
                diagnostics.add(Diagnostic.of(Code.E0308, s.name().span(), "site `" + s.name().text() + "` has no gateway")
                        .label("no gateway"));
            } else if (s.gateways().size() == 1) {
                diagnostics.add(Diagnostic.of(Code.W0302, s.name().span(), "site `" + s.name().text() + "` has one gateway")
                        .label("not redundant")
                        .also(s.gateways().get(0).name().span(), "its only gateway: when it fails, the site is cut off")
                        .help("add a second gateway to the site"));
            }
            if (!s.prefixes4().isEmpty() && model.network().tunnels4() == null) {
                diagnostics.add(Diagnostic.of(Code.E0303, s.prefixes4().get(0).span(),
                                "site `" + s.name().text() + "` has IPv4 prefixes but the network has no IPv4 tunnel pool")
                        .label("IPv4 prefix")
                        .also(model.network().name().span(), "no `tunnels ipv4` in this network"));
            }
            if (s.subnet6() == null) {
                diagnostics.add(Diagnostic.of(Code.E0305, s.name().span(), "site `" + s.name().text() + "` has no IPv6 `subnet`")
                        .label("needs `subnet`")
                        .help("add the LAN that joins its gateways and routers, e.g. `subnet 2001:db8:f1::/64, 10.1.1.0/28`"));
            }
            if (!s.prefixes4().isEmpty() && s.subnet4() == null) {
                diagnostics.add(Diagnostic.of(Code.E0305, s.name().span(), "site `" + s.name().text() + "` carries IPv4 but has no IPv4 `subnet`")
                        .label("needs an IPv4 `subnet`")
                        .help("add an IPv4 LAN subnet, e.g. `subnet 2001:db8:f1::/64, 10.1.1.0/28`"));
            }
            if (s.prefixes6().isEmpty() && s.prefixes4().isEmpty()) {
                diagnostics.add(Diagnostic.of(Code.E0305, s.name().span(), "site `" + s.name().text() + "` has no `prefixes`")
                        .label("announces nothing")
                        .help("add the prefixes the site owns, e.g. `prefixes 2001:db8:a1::/64`"));
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
                Diagnostic.Builder b = Diagnostic.of(Code.E0309, shared ? s.name().span() : s.asn().span(),
                                "AS " + s.asn().value() + " is used by two sites")
                        .label(shared ? "site `" + s.name().text() + "` takes it from a shared setting" : "site `" + s.name().text() + "`")
                        .also(shared ? first.name().span() : first.asn().span(), "site `" + first.name().text() + "`");
                if (shared) {
                    b.also(s.asn().span(), "both take it from here");
                }
                diagnostics.add(b);
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
                diagnostics.add(Diagnostic.of(Code.E0310, l.span(), a.equals(l.a().text()) && a.equals(l.b().text())
                                ? "site `" + a + "` is linked to itself" : "both ends of this link are in site `" + a + "`")
                        .label("both ends are the same site")
                        .help("gateways of one site talk over their LAN; link two different sites"));
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
                    diagnostics.add(Diagnostic.of(Code.W0315, at,
                                    "sites `" + a + "` and `" + b + "` are not linked: they cannot reach each other")
                            .label("mesh without `" + a + " <-> " + b + "`")
                            .help("add `" + a + " <-> " + b + "` to the mesh: sites do not carry each other's traffic"));
                }
            }
        }
        if (missing > named) {
            diagnostics.add(Diagnostic.of(Code.W0315, at, (missing - named) + " more site pairs are not linked")
                    .label("mesh without them")
                    .help("list the links the sites need, or remove `mesh` for a full mesh"));
        }
    }

    /** How many unlinked site pairs W0315 names one by one. */
    private static final int MAX_UNLINKED_NAMED = 10;

    private void gateway(Model model, Model.Gateway g) {
        if (g.endpoint() != null && !g.endpoint().isDnsName()) {
            Value.Family family = g.endpoint().address().isIPv6() ? Value.Family.IPV6 : Value.Family.IPV4;
            if (!model.network().underlay().contains(family)) {
                diagnostics.add(Diagnostic.of(Code.E0304, g.endpoint().span(),
                                "endpoint of `" + g.name().text() + "` is " + (family == Value.Family.IPV6 ? "IPv6" : "IPv4")
                                        + " but the underlay carries only " + familiesWord(model))
                        .label("not reachable over the underlay")
                        .also(model.network().name().span(), "network `" + model.network().name().text() + "`")
                        .help("add `underlay ipv6, ipv4` to the network, or use an endpoint of the underlay's family"));
            }
        }
        mtu(model, g);
        if (g.uplink() == null) {
            diagnostics.add(Diagnostic.of(Code.E0305, g.name().span(), "gateway `" + g.name().text() + "` has no `uplink`")
                    .label("needs `uplink`")
                    .help("add `uplink eth0` to the gateway, a profile it uses, or its site"));
        }
        if (g.lan().isEmpty()) {
            diagnostics.add(Diagnostic.of(Code.E0305, g.name().span(), "gateway `" + g.name().text() + "` has no `lan`")
                    .label("needs `lan`")
                    .help("add `lan eth1` to the gateway, a profile it uses, or its site"));
        }
    }

    /** WireGuard adds 80 bytes over IPv6 (IPv6 40, UDP 8, WireGuard 32), 60 over IPv4. */
    private void mtu(Model model, Model.Gateway g) {
        boolean ipv4Only = g.endpoint() != null && g.endpoint().address() != null && g.endpoint().address().isIPv4();
        int overhead = ipv4Only ? 60 : 80;
        if (g.mtuSpan() != null && g.mtu() + overhead > 1500 && reportedMtu.add(g.mtuSpan())) {
            diagnostics.add(Diagnostic.of(Code.W0318, g.mtuSpan(), "tunnel MTU " + g.mtu() + " does not fit a 1500-byte underlay")
                    .label(g.mtu() + " + " + overhead + " bytes of WireGuard over " + (ipv4Only ? "IPv4" : "IPv6") + " = "
                            + (g.mtu() + overhead))
                    .help("use `wireguard { mtu " + (1500 - overhead) + " }` or less, unless the underlay carries jumbo frames;"
                            + " too large a tunnel MTU fragments or drops full-size packets"));
        }
    }

    private final Set<Span> reportedMtu = new HashSet<>();

    private static String familiesWord(Model model) {
        return model.network().underlay().contains(Value.Family.IPV6) ? "IPv6" : "IPv4";
    }

    private void router(Model.Site site, Model.Router r) {
        if (r.lan() == null) {
            diagnostics.add(Diagnostic.of(Code.E0305, r.name().span(), "router `" + r.name().text() + "` has no `lan`")
                    .label("needs `lan`")
                    .help("add `lan eth0`: the interface facing the site's gateways"));
        }
        PrefixCover own = new PrefixCover();
        site.prefixes6().forEach(p -> own.add(p.prefix()));
        site.prefixes4().forEach(p -> own.add(p.prefix()));
        List<Model.Pfx> announced = new ArrayList<>(r.prefixes6());
        announced.addAll(r.prefixes4());
        for (Model.Pfx p : announced) {
            if (!own.covers(p.prefix())) {
                diagnostics.add(Diagnostic.of(Code.E0311, p.span(), "`" + p + "` is not a prefix of site `" + site.name().text() + "`")
                        .label("outside the site's prefixes")
                        .also(site.name().span(), "site `" + site.name().text() + "`"));
            }
        }
    }
}
