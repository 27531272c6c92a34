package dev.vpnc.review;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.vpnc.check.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code manifest.json} at the root of the output: every other file with its SHA-256 and the
 * host it belongs to (sorted by path), and a summary of every host ({@link HostSummary}) that
 * {@code vpnc plan} compares with the next compilation. Deterministic: written by hand here with
 * a fixed field order, no timestamps, no absolute paths; one file per line so that a review
 * diff shows exactly which files changed.
 */
public final class Manifest {
    public static final String FILE_NAME = "manifest.json";
    /** Bumped when the layout changes incompatibly; plan ignores summaries of another version. */
    static final int FORMAT = 1;

    private Manifest() {
    }

    /** One file of the output; {@code host} is null for the files at the root. */
    public record Entry(String path, String host, String sha256) {
    }

    /** What a manifest read back holds. */
    public record Contents(List<Entry> files, SortedMap<String, HostSummary> hosts) {
    }

    /** The host a relative output path belongs to: its first folder, or null at the root (ansible/ included). */
    public static String hostOf(String path) {
        int slash = path.indexOf('/');
        String folder = slash < 0 ? null : path.substring(0, slash);
        return folder == null || Checks.OUTPUT_FOLDERS.contains(folder) ? null : folder;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Renders the manifest of {@code files} (relative path to content, without the manifest itself). */
    /**
     * @param vpncVersion the version of the vpnc that writes it; not its commit, so that a build
     *                    of the same release from another commit rewrites nothing
     */
    public static String render(String network, String vpncVersion, SortedMap<String, String> files,
                                SortedMap<String, HostSummary> hosts) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"vpnc_manifest\": ").append(FORMAT).append(",\n");
        b.append("  \"vpnc_version\": ").append(str(vpncVersion)).append(",\n");
        b.append("  \"network\": ").append(str(network)).append(",\n");
        b.append("  \"files\": [");
        // Hashing is most of a large manifest's cost, and each file hashes on its own: on every core.
        Map<String, String> hashes = files.entrySet().parallelStream()
                .filter(f -> !f.getKey().equals(FILE_NAME))
                .collect(Collectors.toConcurrentMap(Map.Entry::getKey, f -> sha256(f.getValue().getBytes(StandardCharsets.UTF_8))));
        String sep = "\n";
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().equals(FILE_NAME)) {
                continue;
            }
            String host = hostOf(f.getKey());
            b.append(sep).append("    {\"path\": ").append(str(f.getKey()));
            if (host != null) {
                b.append(", \"host\": ").append(str(host));
            }
            b.append(", \"sha256\": ").append(str(hashes.get(f.getKey()))).append('}');
            sep = ",\n";
        }
        b.append("\n  ],\n");
        b.append("  \"hosts\": {");
        sep = "\n";
        for (Map.Entry<String, HostSummary> h : hosts.entrySet()) {
            b.append(sep).append("    ").append(str(h.getKey())).append(": ");
            host(b, h.getValue());
            sep = ",\n";
        }
        b.append("\n  }\n}\n");
        return b.toString();
    }

    private static void host(StringBuilder b, HostSummary h) {
        String in = "      ";
        b.append("{\n");
        b.append(in).append("\"role\": ").append(str(h.role())).append(",\n");
        b.append(in).append("\"site\": ").append(str(h.site())).append(",\n");
        b.append(in).append("\"asn\": ").append(h.asn()).append(",\n");
        b.append(in).append("\"router_id\": ").append(str(h.routerId())).append(",\n");
        b.append(in).append("\"inside\": ").append(str(h.inside())).append(",\n");
        b.append(in).append("\"timers\": ").append(str(h.timers())).append(",\n");
        b.append(in).append("\"layout\": {");
        String sep = "";
        for (Map.Entry<String, String> e : h.layout().entrySet()) {
            b.append(sep).append(str(e.getKey())).append(": ").append(str(e.getValue()));
            sep = ", ";
        }
        b.append("},\n");
        b.append(in).append("\"tunnels\": [");
        sep = "\n";
        for (Map.Entry<String, HostSummary.Tunnel> e : h.tunnels().entrySet()) {
            HostSummary.Tunnel t = e.getValue();
            b.append(sep).append(in).append("  {\"peer\": ").append(str(e.getKey()))
                    .append(", \"peer_site\": ").append(str(t.peerSite()))
                    .append(", \"interface\": ").append(str(t.ifname()))
                    .append(", \"listen_port\": ").append(t.listenPort())
                    .append(", \"addresses\": ").append(strings(t.addresses()))
                    .append(", \"mtu\": ").append(t.mtu())
                    .append(", \"psk\": ").append(t.psk())
                    .append(", \"endpoint\": ").append(str(t.endpoint()));
            count(b, "peer_key_rotation", t.peerKeyRotation());
            count(b, "psk_rotation", t.pskRotation());
            b.append('}');
            sep = ",\n";
        }
        b.append(h.tunnels().isEmpty() ? "" : "\n" + in).append("],\n");
        b.append(in).append("\"bgp_sessions\": {");
        sep = "";
        for (Map.Entry<String, String> e : h.sessions().entrySet()) {
            b.append(sep).append(str(e.getKey())).append(": ").append(str(e.getValue()));
            sep = ", ";
        }
        b.append("},\n");
        b.append(in).append("\"announces\": ").append(strings(h.announces())).append(",\n");
        b.append(in).append("\"accepts\": ").append(strings(h.accepts())).append(",\n");
        b.append(in).append("\"carries\": ").append(strings(h.carries())).append(",\n");
        b.append(in).append("\"through_hubs\": ").append(strings(h.throughHubs()));
        if (h.keyRotation() > 0) {
            b.append(",\n").append(in).append("\"key_rotation\": ").append(h.keyRotation());
        }
        b.append("\n");
        b.append("    }");
    }

    /** A rotation count, left out at 0 so that an output without rotations keeps its bytes. */
    private static void count(StringBuilder b, String name, int n) {
        if (n > 0) {
            b.append(", ").append(str(name)).append(": ").append(n);
        }
    }

    private static String strings(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(str(values.get(i)));
        }
        return b.append(']').toString();
    }

    /** A JSON string; names and addresses are plain ASCII, but escape anyway. */
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Reads a manifest back; empty when it is not one vpnc of this format wrote (an older
     * output, a hand-edited file): plan then compares files only.
     */
    public static Optional<Contents> parse(String text) {
        try {
            JsonObject root = JsonParser.parseString(text).getAsJsonObject();
            if (!root.has("vpnc_manifest") || root.get("vpnc_manifest").getAsInt() != FORMAT) {
                return Optional.empty();
            }
            List<Entry> files = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("files")) {
                JsonObject f = e.getAsJsonObject();
                files.add(new Entry(f.get("path").getAsString(), f.has("host") ? f.get("host").getAsString() : null,
                        f.get("sha256").getAsString()));
            }
            SortedMap<String, HostSummary> hosts = new TreeMap<>();
            for (Map.Entry<String, JsonElement> h : root.getAsJsonObject("hosts").entrySet()) {
                hosts.put(h.getKey(), host(h.getValue().getAsJsonObject()));
            }
            return Optional.of(new Contents(files, hosts));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | ClassCastException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static HostSummary host(JsonObject o) {
        SortedMap<String, String> layout = new TreeMap<>();
        o.getAsJsonObject("layout").entrySet().forEach(e -> layout.put(e.getKey(), e.getValue().getAsString()));
        SortedMap<String, HostSummary.Tunnel> tunnels = new TreeMap<>();
        for (JsonElement e : o.getAsJsonArray("tunnels")) {
            JsonObject t = e.getAsJsonObject();
            tunnels.put(t.get("peer").getAsString(), new HostSummary.Tunnel(t.get("interface").getAsString(),
                    t.get("peer_site").getAsString(), t.get("listen_port").getAsInt(), list(t, "addresses"),
                    t.get("mtu").getAsInt(), t.get("psk").getAsBoolean(), t.get("endpoint").getAsString(),
                    count(t, "peer_key_rotation"), count(t, "psk_rotation")));
        }
        SortedMap<String, String> sessions = new TreeMap<>();
        o.getAsJsonObject("bgp_sessions").entrySet().forEach(e -> sessions.put(e.getKey(), e.getValue().getAsString()));
        return new HostSummary(o.get("role").getAsString(), o.get("site").getAsString(), o.get("asn").getAsLong(),
                o.get("router_id").getAsString(), o.get("inside").getAsString(), o.get("timers").getAsString(), layout, tunnels, sessions,
                list(o, "announces"), list(o, "accepts"), optionalList(o, "carries"), optionalList(o, "through_hubs"),
                count(o, "key_rotation"));
    }

    /** A rotation count: absent is 0 (never rotated, or written before vpnc rotated keys). */
    private static int count(JsonObject o, String name) {
        return o.has(name) ? o.get(name).getAsInt() : 0;
    }

    /** A list vpnc's older manifests do not have: null, for unknown. */
    private static List<String> optionalList(JsonObject o, String name) {
        return o.has(name) ? list(o, name) : null;
    }

    private static List<String> list(JsonObject o, String name) {
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(name).forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
