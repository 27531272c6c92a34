package dev.vpnc.resolve;

import dev.vpnc.ast.Key;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.ast.Value;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.Span;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads effective setting values and validates them, one diagnostic per bad value. */
final class Values {
    private final Diagnostics diagnostics;
    private final Set<Span> reported = new HashSet<>();

    Values(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A value inherited by many hosts is reported once, at the place it is written. */
    private void report(Diagnostic.Builder b, Span at) {
        if (reported.add(at)) {
            diagnostics.add(b);
        }
    }

    private void missing(Key key, Name owner, String example) {
        String where = key == Key.ENDPOINT
                ? "add `" + example + "` to the gateway: its public IPv6 or IPv4 address, or a DNS name"
                : "add `" + example + "` to its block, to a profile it uses, or to an enclosing block";
        report(Diagnostic.of(Code.E0305, owner.span(), "`" + owner.text() + "` has no `" + key.words() + "`")
                .label("needs `" + key.words() + "`")
                .help(where), owner.span());
    }

    // ---- addresses and prefixes ----

    Model.Pfx prefix(Layers layers, Key key, Value.Family family, Name owner, boolean required) {
        Optional<Statement.Setting> s = layers.find(key);
        if (s.isEmpty()) {
            if (required) {
                missing(key, owner, key.words() + (family == Value.Family.IPV6 ? " 2001:db8:ff::/64" : " 169.254.1.0/24"));
            }
            return null;
        }
        return prefix((Value.Prefix) s.get().value(), family);
    }

    List<Model.Pfx> prefixes(List<Statement.Setting> settings) {
        List<Model.Pfx> out = new ArrayList<>();
        for (Statement.Setting s : settings) {
            for (Value v : s.values()) {
                Model.Pfx p = prefix((Value.Prefix) v, null);
                if (p != null) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    Model.Pfx prefix(Value.Prefix v, Value.Family expected) {
        IPAddress addr = parse(v.text(), v.span());
        if (addr == null) {
            return null;
        }
        if (!addr.isPrefixed()) {
            report(Diagnostic.of(Code.E0201, v.span(), "`" + v.text() + "` is not a prefix").label("expected ADDRESS/LENGTH"), v.span());
            return null;
        }
        if (expected != null && (expected == Value.Family.IPV6) != addr.isIPv6()) {
            report(Diagnostic.of(Code.E0203, v.span(), "`" + v.text() + "` is an " + familyWord(addr) + " prefix")
                    .label("expected an " + (expected == Value.Family.IPV6 ? "IPv6" : "IPv4") + " prefix"), v.span());
            return null;
        }
        int length = addr.getNetworkPrefixLength();
        IPAddress written = new IPAddressString(v.text()).getHostAddress().withoutPrefixLength();
        IPAddress block = written.toPrefixBlock(length);
        if (!written.equals(block.getLower().withoutPrefixLength())) {
            report(Diagnostic.of(Code.E0202, v.span(), "`" + v.text() + "` has host bits set")
                    .label("host bits set")
                    .help("did you mean `" + block.toCanonicalString() + "`?"), v.span());
            return null;
        }
        return new Model.Pfx(block, v.span());
    }

    private IPAddress parse(String text, Span span) {
        int slash = text.indexOf('/');
        if (slash >= 0 && text.length() - slash - 1 > 3) {
            report(Diagnostic.of(Code.E0201, span, "`" + Diagnostic.shorten(text) + "` is not a valid prefix")
                    .label("prefix length too long: at most 128 for IPv6, 32 for IPv4"), span);
            return null;
        }
        try {
            IPAddress addr = new IPAddressString(text).toAddress();
            if (addr == null) {
                throw new AddressStringException("empty");
            }
            return addr;
        } catch (AddressStringException e) {
            report(Diagnostic.of(Code.E0201, span, "`" + Diagnostic.shorten(text) + "` is not a valid address or prefix")
                    .label(lowerFirst(e.getMessage())), span);
            return null;
        } catch (RuntimeException libraryBug) {
            // The address library throws on some malformed inputs instead of reporting them.
            report(Diagnostic.of(Code.E0201, span, "`" + Diagnostic.shorten(text) + "` is not a valid address or prefix")
                    .label("not an address"), span);
            return null;
        }
    }

    private static String lowerFirst(String message) {
        String m = message == null ? "invalid" : message.replaceAll("\\s+", " ").trim();
        // The library prefixes its messages with the input and "IP Address error:"; keep the reason.
        m = m.replaceFirst("^.*IP Address error:\\s*", "");
        m = m.replaceAll("\\s*,?\\s*(at )?index.*$", "");
        if (m.isEmpty()) {
            return "invalid";
        }
        boolean acronym = m.length() > 1 && Character.isUpperCase(m.charAt(1));
        return acronym ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static String familyWord(IPAddress a) {
        return a.isIPv6() ? "IPv6" : "IPv4";
    }

    Model.Endpoint endpoint(Layers layers, Name gateway) {
        Optional<Statement.Setting> s = layers.find(Key.ENDPOINT);
        if (s.isEmpty()) {
            missing(Key.ENDPOINT, gateway, "endpoint ADDRESS");
            return null;
        }
        Value.Endpoint e = (Value.Endpoint) s.get().value();
        if (e.family() == null) {
            String host = e.text();
            if (host.length() > 253 || !host.matches("([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*")) {
                report(Diagnostic.of(Code.E0201, e.span(), "`" + host + "` is not a valid DNS name")
                        .label("invalid host name")
                        .help("DNS labels have 1 to 63 letters, digits or `-`, not starting or ending with `-`"), e.span());
            }
            return new Model.Endpoint(host, null, e.span());
        }
        IPAddress addr = parse(e.text(), e.span());
        if (addr == null) {
            return null;
        }
        return new Model.Endpoint(addr.toCanonicalString(), addr, e.span());
    }

    // ---- names ----

    Optional<Model.Ifname> ifname(Layers layers, Key key, Name owner) {
        return layers.find(key).map(s -> {
            Value.Word w = (Value.Word) s.value();
            return new Model.Ifname(w.text(), w.span());
        });
    }

    List<Model.Ifname> ifnames(Layers layers, Key key, Name owner) {
        return ifnamesOptional(layers, key);
    }

    List<Model.Ifname> ifnamesOptional(Layers layers, Key key) {
        return layers.find(key).map(s -> s.values().stream()
                .map(v -> new Model.Ifname(((Value.Word) v).text(), v.span())).toList()).orElse(List.of());
    }

    // ---- numbers ----

    Model.Located<Model.PortRange> ports(Layers layers, Name owner) {
        Optional<Statement.Setting> s = layers.find(Key.PORTS);
        if (s.isEmpty()) {
            missing(Key.PORTS, owner, "ports 51820..51999");
            return null;
        }
        Value.Range r = (Value.Range) s.get().value();
        Long from = number(r.from(), 1, 65535, "a UDP port");
        Long to = number(r.to(), 1, 65535, "a UDP port");
        if (from == null || to == null) {
            return null;
        }
        if (from > to) {
            report(Diagnostic.of(Code.E0204, r.span(), "port range " + from + ".." + to + " is empty")
                    .label("the first port is above the last").help("write the lower port first"), r.span());
            return null;
        }
        return new Model.Located<>(new Model.PortRange(from.intValue(), to.intValue()), r.span());
    }

    Model.Located<Model.AsnRange> asnPool(Layers layers, Name owner) {
        Optional<Statement.Setting> s = layers.find(Key.ASN_POOL);
        if (s.isEmpty()) {
            return null;
        }
        Value.Range r = (Value.Range) s.get().value();
        Long from = asnValue(r.from());
        Long to = asnValue(r.to());
        if (from == null || to == null) {
            return null;
        }
        if (from > to) {
            report(Diagnostic.of(Code.E0204, r.span(), "AS range " + from + ".." + to + " is empty")
                    .label("the first AS number is above the last").help("write the lower AS number first"), r.span());
            return null;
        }
        return new Model.Located<>(new Model.AsnRange(from, to), r.span());
    }

    Model.Located<Long> asn(Layers layers, Name site) {
        Optional<Statement.Setting> s = layers.find(Key.ASN);
        if (s.isEmpty()) {
            return null;
        }
        Value.Number n = (Value.Number) s.get().value();
        Long v = asnValue(n);
        return v == null ? null : new Model.Located<>(v, n.span());
    }

    private Long asnValue(Value.Number n) {
        Long v = parseNumber(n.digits());
        if (v == null || v < 1 || v > 4294967294L || v == 23456 || v == 65535) {
            report(Diagnostic.of(Code.E0205, n.span(), "AS number " + n.digits() + " is out of range")
                    .label("not a usable AS number")
                    .help("AS numbers run from 1 to 4294967294, except 23456 and 65535; private ones are 64512-65534 and 4200000000-4294967294"), n.span());
            return null;
        }
        return v;
    }

    private Long number(Value.Number n, long min, long max, String what) {
        Long v = parseNumber(n.digits());
        if (v == null || v < min || v > max) {
            report(Diagnostic.of(Code.E0204, n.span(), n.digits() + " is out of range for " + what)
                    .label("expected " + min + " to " + max), n.span());
            return null;
        }
        return v;
    }

    private static Long parseNumber(String digits) {
        if (digits.length() > 18) {
            return null;
        }
        return Long.parseLong(digits);
    }

    private long millis(Layers layers, Key key, long fallback, long min, long max, String unit) {
        Optional<Statement.Setting> s = layers.find(key);
        if (s.isEmpty()) {
            return fallback;
        }
        Value.Duration d = (Value.Duration) s.get().value();
        if (d.millis() < min || d.millis() > max) {
            report(Diagnostic.of(Code.E0204, d.span(), "`" + key.words() + "` " + d.span().text() + " is out of range")
                    .label("expected " + show(min, unit) + " to " + show(max, unit)), d.span());
            return fallback;
        }
        if (unit.equals("s") && d.millis() % 1000 != 0) {
            report(Diagnostic.of(Code.E0204, d.span(), "`" + key.words() + "` must be whole seconds")
                    .label("BIRD counts this timer in seconds")
                    .help("round it to whole seconds, e.g. `" + Math.max(1, (d.millis() + 500) / 1000) + "s`"), d.span());
            return fallback;
        }
        return d.millis();
    }

    private static String show(long millis, String unit) {
        return unit.equals("s") ? millis / 1000 + "s" : millis + "ms";
    }

    private long count(Layers layers, Key key, long fallback, long min, long max) {
        Optional<Statement.Setting> s = layers.find(key);
        if (s.isEmpty()) {
            return fallback;
        }
        Long v = number((Value.Number) s.get().value(), min, max, "`" + key.words() + "`");
        return v == null ? fallback : v;
    }

    int mtu(Layers layers) {
        return (int) count(layers, Key.MTU, 1420, 1280, 65535);
    }

    int wgKeepalive(Layers layers) {
        Optional<Statement.Setting> s = layers.find(Key.WG_KEEPALIVE);
        if (s.isEmpty() || s.get().value() instanceof Value.Flag) {
            return 0;
        }
        return (int) (millis(layers, Key.WG_KEEPALIVE, 0, 1000, 65535000, "s") / 1000);
    }

    boolean flag(Layers layers, Key key) {
        return layers.find(key).map(s -> ((Value.Flag) s.value()).on()).orElse(false);
    }

    Set<Value.Family> families(Layers layers) {
        Set<Value.Family> out = EnumSet.noneOf(Value.Family.class);
        layers.find(Key.UNDERLAY).ifPresent(s -> s.values().forEach(v -> out.add(((Value.FamilyValue) v).family())));
        if (out.isEmpty()) {
            out.add(Value.Family.IPV6);
        }
        return out;
    }

    /** The BIRD target of a host: {@code bird 1.6} or {@code bird 2}; BIRD 2 when nothing says. */
    BirdTarget birdTarget(Layers layers) {
        Optional<Statement.Setting> s = layers.find(Key.BIRD);
        if (s.isEmpty()) {
            return BirdTarget.BIRD2;
        }
        Value.Word w = (Value.Word) s.get().value();
        Optional<BirdTarget> target = BirdTarget.of(w.text());
        if (target.isEmpty()) {
            report(Diagnostic.of(Code.E0208, w.span(), "vpnc does not write configs for BIRD `" + w.text() + "`")
                    .label("not a supported BIRD version")
                    .help("write `bird 2` (the default) or `bird 1.6` (`bird` and `bird6`, as in the reference article)"),
                    w.span());
            return BirdTarget.BIRD2;
        }
        return target.get();
    }

    RoutingTimers timers(Layers layers) {
        long hold = millis(layers, Key.BGP_HOLD, 6000, 3000, 65535000, "s");
        long keepalive = millis(layers, Key.BGP_KEEPALIVE, 2000, 1000, 65535000, "s");
        if (keepalive >= hold) {
            Statement.Setting k = layers.find(Key.BGP_KEEPALIVE).orElse(layers.find(Key.BGP_HOLD).orElse(null));
            if (k != null) {
                report(Diagnostic.of(Code.E0209, k.span(), "BGP keepalive " + keepalive / 1000 + "s is not below the hold time " + hold / 1000 + "s")
                        .label("keepalive must be shorter than hold")
                        .help("a third of the hold time is usual, e.g. `hold 6s` with `keepalive 2s`"), k.span());
            }
        }
        long hello = millis(layers, Key.OSPF_HELLO, 10000, 1000, 65535000, "s");
        long dead = millis(layers, Key.OSPF_DEAD, 40000, 1000, 65535000, "s");
        if (dead <= hello) {
            Statement.Setting d = layers.find(Key.OSPF_DEAD).orElse(layers.find(Key.OSPF_HELLO).orElse(null));
            if (d != null) {
                report(Diagnostic.of(Code.E0209, d.span(), "OSPF dead interval " + dead / 1000 + "s is not above the hello interval " + hello / 1000 + "s")
                        .label("dead must exceed hello").help("four hellos is usual, e.g. `hello 10s` with `dead 40s`"), d.span());
            }
        }
        return new RoutingTimers(
                (int) (hold / 1000),
                (int) (keepalive / 1000),
                (int) count(layers, Key.BGP_PREFERENCE, 160, 0, 65535),
                layers.find(Key.BFD_ENABLED).map(s -> ((Value.Flag) s.value()).on()).orElse(true),
                (int) millis(layers, Key.BFD_INTERVAL, 100, 10, 10000, "ms"),
                (int) count(layers, Key.BFD_MULTIPLIER, 3, 1, 255),
                (int) (hello / 1000),
                (int) (dead / 1000),
                (int) count(layers, Key.OSPF_COST, 10, 1, 65535));
    }
}
