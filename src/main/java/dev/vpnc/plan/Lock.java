package dev.vpnc.plan;

import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.LockMessages;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * vpnc.lock: every allocation, so that editing the network never renumbers what exists.
 * One line per entry, sorted, so diffs review well:
 *
 * <pre>
 * asn SITE NUMBER                      an AS number taken from the network's pool
 * host HOST id N lan N                 router-id index (network-wide) and LAN index (in its site subnet)
 * tunnel A B link N                    index of the /127 (and /31) in the tunnel pools; A sorts before B
 * end HOST PEER port P ifname NAME     HOST's end of its tunnel to PEER
 * key HOST rotation N                  times HOST's private key was rotated (absent: never)
 * key HOST pending                     HOST is queued by `vpnc keys rotate --all` for a later batch
 * psk A B rotation N                   times the preshared key of tunnel A B was rotated
 * psk A B pending                      that preshared key is queued by `--all-psk`
 * </pre>
 *
 * <p>The rotation entries are no secret: they say which generation of a key the bundles are
 * written for, so a rotation shows in review and changes the bundles of the hosts it concerns.
 */
public final class Lock {
    public static final String FILE_NAME = "vpnc.lock";

    /** A host's router-id index (network-wide) and LAN index (in its site's subnet). */
    record HostNumbers(long id, long lan) {
    }

    /** One gateway's end of its tunnel to a peer. */
    record End(String host, String peer) implements Comparable<End> {
        private static final Comparator<End> ORDER = Comparator.comparing(End::host).thenComparing(End::peer);

        @Override
        public int compareTo(End o) {
            return ORDER.compare(this, o);
        }

        @Override
        public String toString() {
            return host + " " + peer;
        }
    }

    /** What an end is given: its listen port and its interface name. */
    record EndNumbers(int port, String ifname) {
    }

    /** AS number of each site that has none of its own. */
    final Map<String, Long> asns = new TreeMap<>();
    final Map<String, HostNumbers> hosts = new TreeMap<>();
    /** Index of each tunnel's /127 (and /31) in the tunnel pools. */
    final Map<GatewayPair, Long> links = new TreeMap<>();
    final Map<End, EndNumbers> ends = new TreeMap<>();
    /** Where the entries that can conflict were read (hand edits), for diagnostics. */
    final Map<GatewayPair, Span> linkSpans = new TreeMap<>();
    final Map<End, Span> endSpans = new TreeMap<>();
    /** Rotations of each gateway's private key, of each tunnel's preshared key: only counts of 1 and more. */
    final Map<String, Integer> keyRotations = new TreeMap<>();
    final Map<GatewayPair, Integer> pskRotations = new TreeMap<>();
    /** What `vpnc keys rotate --all` (`--all-psk`) queued for its later batches. */
    final SortedSet<String> pendingKeys = new TreeSet<>();
    final SortedSet<GatewayPair> pendingPsks = new TreeSet<>();

    /** How many times the private key of {@code host} was rotated (0: never). */
    public int keyRotation(String host) {
        return keyRotations.getOrDefault(host, 0);
    }

    /** How many times the preshared key of a tunnel was rotated (0: never). */
    public int pskRotation(GatewayPair tunnel) {
        return pskRotations.getOrDefault(tunnel, 0);
    }

    /** The gateways whose key rotation waits for `vpnc keys rotate --continue`. */
    public SortedSet<String> pendingKeys() {
        return Collections.unmodifiableSortedSet(pendingKeys);
    }

    /** The tunnels whose preshared key rotation waits for `vpnc keys rotate --continue`. */
    public SortedSet<GatewayPair> pendingPsks() {
        return Collections.unmodifiableSortedSet(pendingPsks);
    }

    /** The rotations waiting for `--continue`, sorted (keys first). */
    public java.util.List<Rotated> pending() {
        java.util.List<Rotated> out = new java.util.ArrayList<>();
        pendingKeys.forEach(h -> out.add(Rotated.key(h)));
        pendingPsks.forEach(t -> out.add(Rotated.psk(t)));
        return out;
    }

    /** How many times the key {@code r} was rotated. */
    public int rotations(Rotated r) {
        return r.isKey() ? keyRotation(r.host()) : pskRotation(r.tunnel());
    }

    /** Counts one more rotation of {@code r}, which no longer waits. */
    void rotated(Rotated r) {
        if (r.isKey()) {
            keyRotations.merge(r.host(), 1, Integer::sum);
            pendingKeys.remove(r.host());
        } else {
            pskRotations.merge(r.tunnel(), 1, Integer::sum);
            pendingPsks.remove(r.tunnel());
        }
    }

    /** Queues {@code r} for `--continue`. */
    void pending(Rotated r) {
        if (r.isKey()) {
            pendingKeys.add(r.host());
        } else {
            pendingPsks.add(r.tunnel());
        }
    }

    /** Whether a batched rotation is under way. */
    public boolean rotationPending() {
        return !pendingKeys.isEmpty() || !pendingPsks.isEmpty();
    }

    public static Lock empty() {
        return new Lock();
    }

    /** Parses a lock file; malformed lines are diagnostics (E0312), and are then ignored. */
    public static Lock parse(SourceFile file, Diagnostics diagnostics) {
        Lock lock = new Lock();
        for (int line = 1; line <= file.lineCount(); line++) {
            String text = file.lineText(line);
            String content = text.replaceFirst("#.*$", "").trim();
            if (content.isEmpty()) {
                continue;
            }
            int start = file.offset(line, 1) + text.indexOf(content.charAt(0));
            Span span = new Span(file, start, start + content.length());
            Diagnostic.Builder problem = lock.parseLine(content.split("\\s+"), span);
            if (problem != null) {
                diagnostics.add(problem);
            }
        }
        return lock;
    }

    /** Reads one entry; returns the diagnostic of what is wrong with it (E0312), or null when it was read. */
    private Diagnostic.Builder parseLine(String[] w, Span span) {
        try {
            switch (w[0]) {
                case "version":
                    return w.length == 2 && w[1].equals("1") ? null : LockMessages.unsupportedLockVersion(span);
                case "asn":
                    if (w.length != 3) {
                        return LockMessages.malformedLockEntry(span, "asn SITE NUMBER");
                    }
                    asns.put(w[1], Long.parseLong(w[2]));
                    return null;
                case "host":
                    if (w.length != 6 || !w[2].equals("id") || !w[4].equals("lan")) {
                        return LockMessages.malformedLockEntry(span, "host HOST id N lan N");
                    }
                    hosts.put(w[1], new HostNumbers(Long.parseLong(w[3]), Long.parseLong(w[5])));
                    return null;
                case "tunnel":
                    if (w.length != 5 || !w[3].equals("link")) {
                        return LockMessages.malformedLockEntry(span, "tunnel A B link N");
                    }
                    if (w[1].compareTo(w[2]) >= 0) {
                        return LockMessages.gatewaysOutOfOrder(span, "tunnel", w[1], w[2]);
                    }
                    GatewayPair pair = new GatewayPair(w[1], w[2]);
                    links.put(pair, Long.parseLong(w[4]));
                    linkSpans.put(pair, span);
                    return null;
                case "end":
                    if (w.length != 7 || !w[3].equals("port") || !w[5].equals("ifname")) {
                        return LockMessages.malformedLockEntry(span, "end HOST PEER port P ifname NAME");
                    }
                    End end = new End(w[1], w[2]);
                    ends.put(end, new EndNumbers(Integer.parseInt(w[4]), w[6]));
                    endSpans.put(end, span);
                    return null;
                case "key":
                    return parseKey(w, span);
                case "psk":
                    return parsePsk(w, span);
                default:
                    return LockMessages.unknownLockEntry(span);
            }
        } catch (NumberFormatException e) {
            return LockMessages.lockNumberNotWhole(span);
        }
    }

    private static final String KEY_FORMS = "key HOST rotation N` or `key HOST pending";
    private static final String PSK_FORMS = "psk A B rotation N` or `psk A B pending";

    private Diagnostic.Builder parseKey(String[] w, Span span) {
        if (w.length == 3 && w[2].equals("pending")) {
            pendingKeys.add(w[1]);
            return null;
        }
        if (w.length != 4 || !w[2].equals("rotation")) {
            return LockMessages.malformedLockEntry(span, KEY_FORMS);
        }
        int n = Integer.parseInt(w[3]);
        if (n < 1) {
            return LockMessages.rotationNotPositive(span);
        }
        keyRotations.put(w[1], n);
        return null;
    }

    private Diagnostic.Builder parsePsk(String[] w, Span span) {
        boolean pending = w.length == 4 && w[3].equals("pending");
        if (!pending && (w.length != 5 || !w[3].equals("rotation"))) {
            return LockMessages.malformedLockEntry(span, PSK_FORMS);
        }
        if (w[1].compareTo(w[2]) >= 0) {
            return LockMessages.gatewaysOutOfOrder(span, "psk", w[1], w[2]);
        }
        GatewayPair pair = new GatewayPair(w[1], w[2]);
        if (pending) {
            pendingPsks.add(pair);
            return null;
        }
        int n = Integer.parseInt(w[4]);
        if (n < 1) {
            return LockMessages.rotationNotPositive(span);
        }
        pskRotations.put(pair, n);
        return null;
    }

    /** The file's text: a header, then entries in a fixed order, each section sorted. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("# vpnc.lock: allocations made by vpnc. Commit this file with the .vpn source.\n");
        b.append("# vpnc keeps every entry here when the network changes, so tunnels are never renumbered;\n");
        b.append("# entries of removed hosts and tunnels are dropped. Edit a value only to pin it by hand.\n");
        b.append("#   asn SITE NUMBER                    AS number given to a site without `asn`\n");
        b.append("#   host HOST id N lan N               router-id index (network-wide), index in the site subnet\n");
        b.append("#   tunnel A B link N                  index of the tunnel's /127 and /31 (A sorts before B)\n");
        b.append("#   end HOST PEER port P ifname NAME   HOST's listen port and interface towards PEER\n");
        b.append("#   key HOST rotation N                times HOST's private key was rotated (`vpnc keys rotate`)\n");
        b.append("#   key HOST pending                   HOST's key rotation waits for `vpnc keys rotate --continue`\n");
        b.append("#   psk A B rotation N                 times the preshared key of tunnel A B was rotated\n");
        b.append("#   psk A B pending                    that rotation waits for `vpnc keys rotate --continue`\n");
        b.append("version 1\n");
        asns.forEach((site, asn) -> b.append("asn ").append(site).append(' ').append(asn).append('\n'));
        hosts.forEach((host, v) -> b.append("host ").append(host).append(" id ").append(v.id()).append(" lan ").append(v.lan()).append('\n'));
        links.forEach((pair, n) -> b.append("tunnel ").append(pair).append(" link ").append(n).append('\n'));
        ends.forEach((end, v) -> b.append("end ").append(end).append(" port ").append(v.port()).append(" ifname ").append(v.ifname()).append('\n'));
        TreeSet<String> keyed = new TreeSet<>(keyRotations.keySet());
        keyed.addAll(pendingKeys);
        for (String host : keyed) {
            rotation(b, "key " + host, keyRotations.get(host), pendingKeys.contains(host));
        }
        TreeSet<GatewayPair> shared = new TreeSet<>(pskRotations.keySet());
        shared.addAll(pendingPsks);
        for (GatewayPair pair : shared) {
            rotation(b, "psk " + pair, pskRotations.get(pair), pendingPsks.contains(pair));
        }
        return b.toString();
    }

    private static void rotation(StringBuilder b, String entry, Integer count, boolean pending) {
        if (count != null) {
            b.append(entry).append(" rotation ").append(count).append('\n');
        }
        if (pending) {
            b.append(entry).append(" pending\n");
        }
    }
}
