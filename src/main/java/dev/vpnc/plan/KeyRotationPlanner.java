package dev.vpnc.plan;

import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.RotationMessages;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a {@link RotationRequest} against the network, its lock and its key store, and turns it
 * into a {@link RotationPlan}: names that are no key of the network (E0330), keys not created yet
 * (E0331), a batch that would cut two sites apart (E0332, with a safe order) and cuts that cannot
 * be avoided (W0333). Reads nothing and writes nothing: the key store is known through the keys
 * the compile had to make ({@link KeyStore.NewKeys}: those do not exist yet).
 */
public final class KeyRotationPlanner {
    private final Model model;
    private final Lock lock;
    private final KeyStore.NewKeys missing;
    private final RotationRequest request;
    private final String source;
    private final Diagnostics diagnostics;
    private final RotationSafety safety;
    private final Map<GatewayPair, Boolean> withPsk = new HashMap<>();
    private final Map<String, Model.Gateway> gateways = new TreeMap<>();
    private final Map<String, Model.Site> sites = new HashMap<>();
    private final TreeSet<String> routers = new TreeSet<>();

    private KeyRotationPlanner(Model model, List<Topology.Pair> tunnels, Lock lock, KeyStore.NewKeys missing,
                               RotationRequest request, String source, Diagnostics diagnostics) {
        this.model = model;
        this.lock = lock;
        this.missing = missing;
        this.request = request;
        this.source = source;
        this.diagnostics = diagnostics;
        this.safety = new RotationSafety(model, tunnels);
        for (Topology.Pair p : tunnels) {
            withPsk.put(p.names(), p.a().psk() || p.b().psk());
        }
        for (Model.Site s : model.sites()) {
            sites.put(s.name().text(), s);
            s.gateways().forEach(g -> gateways.put(g.name().text(), g));
            s.routers().forEach(r -> routers.add(r.name().text()));
        }
    }

    /**
     * @param lock    the lock compile would write (the rotations are added to it)
     * @param missing the keys compile would create: they cannot be rotated
     * @param source  the source file as the command line names it, for diagnostics that point there
     */
    public static RotationPlan plan(Model model, List<Topology.Pair> tunnels, Lock lock, KeyStore.NewKeys missing,
                                    RotationRequest request, String source, Diagnostics diagnostics) {
        return new KeyRotationPlanner(model, tunnels, lock, missing, request, source, diagnostics).plan();
    }

    private RotationPlan plan() {
        boolean batched = request.all() || request.allPsk() || request.resume();
        if (request.resume() && !lock.rotationPending()) {
            return RotationPlan.refused("no key rotation is pending: `--continue` rotates the batches that `--all` or "
                    + "`--all-psk` left for later");
        }
        if ((request.all() || request.allPsk()) && lock.rotationPending()) {
            return RotationPlan.refused("a batched key rotation is under way (" + lock.pending().size() + " keys pending in "
                    + Lock.FILE_NAME + "): once its last batch is deployed, run `vpnc keys rotate " + source + " --continue`");
        }
        List<Rotated> items = batched ? batchedItems() : namedItems();
        if (items.isEmpty() && !diagnostics.hasErrors()) {
            return RotationPlan.refused("nothing to rotate: the network has no " + (request.allPsk() && !request.all()
                    ? "tunnel with a preshared key" : "gateway"));
        }
        items.forEach(this::checkExists);
        if (diagnostics.hasErrors()) {
            return null;
        }
        List<List<Rotated>> batches = safety.batches(items);
        List<Rotated> now = batched ? batches.get(0) : items;
        List<List<Rotated>> later = batched ? batches.subList(1, batches.size()) : List.of();
        if (!batched) {
            refuseCuts(items, batches);
            if (diagnostics.hasErrors()) {
                return null;
            }
        }
        warnUnavoidable(now);
        Map<Rotated, Integer> generations = new LinkedHashMap<>();
        for (Rotated r : now) {
            generations.put(r, lock.rotations(r));
            lock.rotated(r);
        }
        later.forEach(b -> b.forEach(lock::pending));
        return new RotationPlan(now, generations, later, lock, null);
    }

    /** --all, --all-psk, --continue: every gateway, every preshared key, or what waits, in order. */
    private List<Rotated> batchedItems() {
        if (request.resume()) {
            return lock.pending();
        }
        List<Rotated> items = new ArrayList<>();
        if (request.all()) {
            gateways.keySet().forEach(h -> items.add(Rotated.key(h)));
        }
        if (request.allPsk()) {
            new TreeMap<>(withPsk).forEach((t, on) -> {
                if (on) {
                    items.add(Rotated.psk(t));
                }
            });
        }
        return items;
    }

    /** The gateways and tunnels named on the command line, each once; E0330 for the others. */
    private List<Rotated> namedItems() {
        SourceFile line = request.commandLine(source);
        TreeSet<Rotated> items = new TreeSet<>();
        for (int i = 0; i < request.hosts().size(); i++) {
            String host = request.hosts().get(i);
            Span at = request.hostAt(line, source, i);
            if (gateways.containsKey(host)) {
                items.add(Rotated.key(host));
            } else if (routers.contains(host)) {
                diagnostics.add(RotationMessages.routerHasNoKey(at, host));
            } else {
                diagnostics.add(RotationMessages.notAGateway(at, host, model.network().name().text(), gateways.keySet()));
            }
        }
        for (int i = 0; i < request.psks().size(); i++) {
            String written = request.psks().get(i);
            Span at = request.pskAt(line, source, i);
            String[] ends = written.split(":", -1);
            if (ends.length != 2 || ends[0].isEmpty() || ends[1].isEmpty()) {
                diagnostics.add(RotationMessages.pskNotAPair(at, written));
                continue;
            }
            String unknown = !gateways.containsKey(ends[0]) ? ends[0] : !gateways.containsKey(ends[1]) ? ends[1] : null;
            if (unknown != null) {
                diagnostics.add(RotationMessages.notAGateway(at, unknown, model.network().name().text(), gateways.keySet()));
                continue;
            }
            GatewayPair pair = ends[0].equals(ends[1]) ? null : GatewayPair.of(ends[0], ends[1]);
            Boolean psk = pair == null ? null : withPsk.get(pair);
            if (psk == null) {
                diagnostics.add(RotationMessages.pskNoTunnel(at, ends[0], ends[1]));
            } else if (!psk) {
                diagnostics.add(RotationMessages.pskNotUsed(at, pair.a(), pair.b()));
            } else {
                items.add(Rotated.psk(pair));
            }
        }
        return new ArrayList<>(items);
    }

    /** E0331 for a key compile has not created yet. */
    private void checkExists(Rotated r) {
        Path root = missing.root();
        if (r.isKey()) {
            Path file = root.resolve(r.host()).resolve("private.key");
            if (missing.files().containsKey(file)) {
                diagnostics.add(RotationMessages.noKeyYet(gateways.get(r.host()).name().span(), r.host(),
                        root.relativize(file).toString()));
            }
            return;
        }
        GatewayPair t = r.tunnel();
        for (Path file : List.of(root.resolve(t.a()).resolve("psk").resolve(t.b() + ".psk"),
                root.resolve(t.b()).resolve("psk").resolve(t.a() + ".psk"))) {
            if (missing.files().containsKey(file)) {
                diagnostics.add(RotationMessages.noPskYet(gateways.get(t.a()).name().span(), t.a(), t.b(),
                        root.relativize(file).toString()));
                return;
            }
        }
    }

    /**
     * E0332 for the pairs of sites that the named rotations, together only, cut apart: one per
     * site and set of rotations that cut it from others.
     */
    private void refuseCuts(List<Rotated> items, List<List<Rotated>> order) {
        Map<String, List<String>> others = new LinkedHashMap<>();
        Map<String, List<String>> rotatedBy = new HashMap<>();
        Map<String, String> siteOf = new HashMap<>();
        for (RotationSafety.Cut cut : safety.cuts(items)) {
            if (cut.alone() != null) {
                continue;
            }
            List<Rotated> cutting = items.stream()
                    .filter(r -> safety.drains(r).stream().anyMatch(t -> cut.sites().equals(pairOf(t)))).toList();
            List<String> rotated = cutting.stream().map(Rotated::describe).toList();
            // Said from the side of the first rotated gateway: the site the operator is rotating.
            Rotated first = cutting.get(0);
            String mine = safety.siteOf(first.isKey() ? first.host() : first.tunnel().a());
            String site = mine.equals(cut.sites().b()) ? cut.sites().b() : cut.sites().a();
            String other = site.equals(cut.sites().a()) ? cut.sites().b() : cut.sites().a();
            String key = site + " " + rotated;
            others.computeIfAbsent(key, k -> new ArrayList<>()).add(other);
            rotatedBy.put(key, rotated);
            siteOf.put(key, site);
        }
        List<String> commands = order.stream().map(this::command).toList();
        others.forEach((key, cutFrom) -> {
            Model.Site a = sites.get(siteOf.get(key));
            Diagnostic.Builder d = RotationMessages.batchCutsSites(a.name().span(), a.name().text(), cutFrom,
                    rotatedBy.get(key), commands);
            cutFrom.forEach(o -> d.also(sites.get(o).name().span(), RotationMessages.cutFrom(a.name().text())));
            diagnostics.add(d);
        });
    }

    private RotationSafety.SitePair pairOf(GatewayPair t) {
        return RotationSafety.SitePair.of(safety.siteOf(t.a()), safety.siteOf(t.b()));
    }

    private String command(List<Rotated> batch) {
        return "vpnc keys rotate " + source + " " + String.join(" ", batch.stream().map(Rotated::argument).toList());
    }

    /** W0333 for each rotation of the batch that cuts sites apart by itself: by design, not by choice. */
    private void warnUnavoidable(List<Rotated> now) {
        Map<Rotated, List<String>> cutBy = new TreeMap<>();
        Map<Rotated, String> siteOfCut = new HashMap<>();
        for (RotationSafety.Cut cut : safety.cuts(now)) {
            Rotated r = cut.alone();
            if (r == null) {
                continue;
            }
            String mine = r.isKey() ? safety.siteOf(r.host()) : safety.siteOf(r.tunnel().a());
            String other = cut.sites().a().equals(mine) ? cut.sites().b() : cut.sites().a();
            siteOfCut.put(r, mine);
            cutBy.computeIfAbsent(r, k -> new ArrayList<>()).add(other);
        }
        cutBy.forEach((r, others) -> {
            String site = siteOfCut.get(r);
            RotationMessages.Alone why = !r.isKey() ? RotationMessages.Alone.SINGLE_TUNNEL
                    : sites.get(site).gateways().size() == 1 ? RotationMessages.Alone.SINGLE_GATEWAY
                    : RotationMessages.Alone.EVERY_TUNNEL_ON_IT;
            Span at = gateways.get(r.isKey() ? r.host() : r.tunnel().a()).name().span();
            diagnostics.add(RotationMessages.notHitless(at, r.describe(), site, others, why));
        });
    }
}
