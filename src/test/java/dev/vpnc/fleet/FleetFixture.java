package dev.vpnc.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vpnc.compiler.Pipeline;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * status.sh --json of every host of a compiled network, as a healthy network prints it (every
 * tunnel recent, every session up, every route over all its next hops), built from the plan in
 * status.sh's format; then changed where a test needs it: a gateway down as its peers see it.
 */
public final class FleetFixture {
    private FleetFixture() {
    }

    /** The plan of a .vpn text, compiled in {@code dir} (keys made in memory, nothing written). */
    public static NetworkPlan plan(Path dir, String vpn) throws IOException {
        Path src = dir.resolve("net.vpn");
        Files.writeString(src, vpn);
        Pipeline.Result r = Pipeline.planOnly(src, dir.resolve("secrets"), dir.resolve("vpnc.lock"), List.of());
        if (r.plan() == null) {
            throw new AssertionError("does not compile: " + r.diagnostics().sorted());
        }
        return r.plan();
    }

    public static SortedMap<String, JsonObject> healthy(NetworkPlan plan) {
        SortedMap<String, JsonObject> out = new TreeMap<>();
        for (GatewayPlan g : plan.gateways()) {
            JsonArray tunnels = new JsonArray();
            JsonArray sessions = bird();
            for (TunnelEnd t : g.tunnels()) {
                JsonObject x = new JsonObject();
                x.addProperty("ifname", t.ifname());
                x.addProperty("peer", t.peerHost());
                x.addProperty("peer_site", t.peerSite());
                x.addProperty("session", t.sessionName());
                x.addProperty("handshake_age_seconds", 20);
                x.addProperty("rx_bytes", 1000);
                x.addProperty("tx_bytes", 900);
                x.addProperty("state", "recent");
                x.addProperty("verdict", "ok");
                tunnels.add(x);
                sessions.add(session("BGP", t.sessionName(), t.peerHost(), "Established"));
                sessions.add(session("BFD", "bfd:" + t.peer6(), t.peerHost(), "Up"));
            }
            for (Neighbor n : g.neighbors()) {
                sessions.add(session("BGP", n.sessionName(), n.host(), "Established"));
            }
            Map<String, List<String>> bySite = new TreeMap<>();
            Map<String, List<String>> prefixes = new TreeMap<>();
            for (TunnelEnd t : g.tunnels()) {
                bySite.computeIfAbsent(t.peerSite(), s -> new ArrayList<>()).add(t.ifname());
                prefixes.put(t.peerSite(), t.peerPrefixes6());
            }
            JsonArray routes = new JsonArray();
            bySite.forEach((site, hops) -> prefixes.get(site).forEach(p -> routes.add(route(site, p, "dev", hops))));
            out.put(g.name(), host(g.name(), g.site(), "gateway", tunnels, sessions, routes));
        }
        for (RouterPlan r : plan.routers()) {
            JsonArray sessions = bird();
            r.gateways().forEach(n -> sessions.add(session("BGP", n.sessionName(), n.host(), "Established")));
            Map<String, List<String>> bySite = new TreeMap<>();
            Map<String, List<String>> prefixes = new TreeMap<>();
            for (GatewayPlan g : plan.gateways()) {
                if (g.site().equals(r.site())) {
                    for (TunnelEnd t : g.tunnels()) {
                        List<String> hops = bySite.computeIfAbsent(t.peerSite(), s -> new ArrayList<>());
                        if (!hops.contains(g.lan().ipv6())) {
                            hops.add(g.lan().ipv6());
                        }
                        prefixes.put(t.peerSite(), t.peerPrefixes6());
                    }
                }
            }
            JsonArray routes = new JsonArray();
            bySite.forEach((site, hops) -> prefixes.get(site).forEach(p -> routes.add(route(site, p, "via", hops))));
            out.put(r.name(), host(r.name(), r.site(), "internal router", new JsonArray(), sessions, routes));
        }
        return out;
    }

    /**
     * {@code down} as the others see it when it is off: their tunnels to it stale, their sessions
     * to it down, its next hops gone from their routes. Its own status is removed.
     */
    public static void down(NetworkPlan plan, SortedMap<String, JsonObject> fleet, String down) {
        down(plan, fleet, down, true);
    }

    /**
     * {@code down} within a few minutes of its death: its peers' tunnels to it still have a
     * recent handshake (WireGuard's are 2 minutes apart), only the sessions and routes tell.
     */
    public static void justDown(NetworkPlan plan, SortedMap<String, JsonObject> fleet, String down) {
        down(plan, fleet, down, false);
    }

    private static void down(NetworkPlan plan, SortedMap<String, JsonObject> fleet, String down, boolean staleTunnels) {
        fleet.remove(down);
        List<String> gone = new ArrayList<>();
        GatewayPlan g = plan.gateways().stream().filter(x -> x.name().equals(down)).findFirst().orElse(null);
        if (g != null) {
            gone.add(g.lan().ipv6());
        }
        for (JsonObject s : fleet.values()) {
            List<String> ifnames = new ArrayList<>();
            for (JsonElement t : s.getAsJsonArray("tunnels")) {
                JsonObject x = t.getAsJsonObject();
                if (x.get("peer").getAsString().equals(down) && staleTunnels) {
                    x.add("handshake_age_seconds", com.google.gson.JsonNull.INSTANCE);
                    x.addProperty("state", "stale");
                    x.addProperty("verdict", "degraded");
                    ifnames.add(x.get("ifname").getAsString());
                }
            }
            for (JsonElement t : s.getAsJsonArray("sessions")) {
                JsonObject x = t.getAsJsonObject();
                if (x.get("peer").getAsString().equals(down)) {
                    x.addProperty("state", x.get("kind").getAsString().equals("BFD") ? "Down" : "Active");
                    x.addProperty("verdict", "degraded");
                }
            }
            List<String> lost = new ArrayList<>(ifnames);
            lost.addAll(gone);
            for (JsonElement r : s.getAsJsonArray("routes")) {
                JsonObject x = r.getAsJsonObject();
                JsonArray present = new JsonArray();
                x.getAsJsonArray("present").forEach(h -> {
                    if (!lost.contains(h.getAsString())) {
                        present.add(h);
                    }
                });
                x.add("present", present);
                x.addProperty("verdict", present.isEmpty() ? "broken"
                        : present.size() < x.getAsJsonArray("expected").size() ? "degraded" : "ok");
            }
            rejudge(s);
        }
    }

    /** The host's verdict, as status.sh makes it: the worst of its items. */
    public static void rejudge(JsonObject s) {
        String worst = "ok";
        for (String list : List.of("tunnels", "sessions", "routes")) {
            for (JsonElement e : s.getAsJsonArray(list)) {
                String v = e.getAsJsonObject().get("verdict").getAsString();
                if (v.equals("broken") || v.equals("degraded") && worst.equals("ok")) {
                    worst = v;
                }
            }
        }
        s.addProperty("verdict", worst);
    }

    public static SortedMap<String, String> texts(SortedMap<String, JsonObject> fleet) {
        SortedMap<String, String> out = new TreeMap<>();
        fleet.forEach((h, o) -> out.put(h, o.toString()));
        return out;
    }

    private static JsonArray bird() {
        JsonArray a = new JsonArray();
        a.add(session("BIRD", "bird", "", "running"));
        return a;
    }

    private static JsonObject session(String kind, String name, String peer, String state) {
        JsonObject x = new JsonObject();
        x.addProperty("kind", kind);
        x.addProperty("name", name);
        x.addProperty("peer", peer);
        x.addProperty("state", state);
        x.addProperty("verdict", "ok");
        return x;
    }

    private static JsonObject route(String site, String prefix, String match, List<String> hops) {
        JsonObject x = new JsonObject();
        x.addProperty("remote_site", site);
        x.addProperty("family", "ipv6");
        x.addProperty("prefix", prefix);
        x.addProperty("match", match);
        JsonArray h = new JsonArray();
        hops.stream().sorted().forEach(h::add);
        x.add("expected", h);
        x.add("present", h.deepCopy());
        x.add("other", new JsonArray());
        x.addProperty("verdict", "ok");
        return x;
    }

    private static JsonObject host(String name, String site, String kind, JsonArray tunnels, JsonArray sessions,
                                   JsonArray routes) {
        JsonObject o = new JsonObject();
        o.addProperty("host", name);
        o.addProperty("site", site);
        o.addProperty("kind", kind);
        o.addProperty("verdict", "ok");
        o.add("tunnels", tunnels);
        o.add("sessions", sessions);
        o.add("routes", routes);
        o.add("drift", new JsonArray());
        return o;
    }
}
