package dev.vpnc.resolve;

import dev.vpnc.ast.Key;
import dev.vpnc.ast.Name;
import dev.vpnc.ast.Statement;
import dev.vpnc.ast.Value;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.TopologyMessages;
import dev.vpnc.diag.messages.ValueMessages;
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

    // ---- addresses and prefixes ----

    Model.Pfx prefix(Layers layers, Key key, Value.Family family, Name owner, boolean required) {
        Optional<Statement.Setting> s = layers.find(key);
        if (s.isEmpty()) {
            if (required) {
                report(TopologyMessages.missingPrefix(owner.span(), owner.text(), key.words(), family == Value.Family.IPV6),
                        owner.span());
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
            report(ValueMessages.notAPrefix(v.span(), v.text()), v.span());
            return null;
        }
        if (expected != null && (expected == Value.Family.IPV6) != addr.isIPv6()) {
            report(ValueMessages.wrongPrefixFamily(v.span(), v.text(), addr.isIPv6()), v.span());
            return null;
        }
        int length = addr.getNetworkPrefixLength();
        IPAddress written = new IPAddressString(v.text()).getHostAddress().withoutPrefixLength();
        IPAddress block = written.toPrefixBlock(length);
        if (!written.equals(block.getLower().withoutPrefixLength())) {
            report(ValueMessages.hostBitsSet(v.span(), v.text(), block.toCanonicalString()), v.span());
            return null;
        }
        return new Model.Pfx(block, v.span());
    }

    private IPAddress parse(String text, Span span) {
        int slash = text.indexOf('/');
        if (slash >= 0 && text.length() - slash - 1 > 3) {
            report(ValueMessages.prefixLengthTooLong(span, text), span);
            return null;
        }
        try {
            IPAddress addr = new IPAddressString(text).toAddress();
            if (addr == null) {
                throw new AddressStringException("empty");
            }
            return addr;
        } catch (AddressStringException e) {
            report(ValueMessages.invalidAddress(span, text, e.getMessage()), span);
            return null;
        } catch (RuntimeException libraryBug) {
            // The address library throws on some malformed inputs instead of reporting them.
            report(ValueMessages.notAnAddress(span, text), span);
            return null;
        }
    }

    /** Probe timing: whole seconds (ping's timeout counts seconds), counts of pings in a row. */
    static final long PROBE_INTERVAL_MIN = 1000;
    static final long PROBE_INTERVAL_MAX = 3_600_000;
    static final long PROBE_COUNT_MAX = 100;

    /** A site's probe, or null when it has none (or its address is invalid, and reported). */
    Model.Probe probe(Layers layers) {
        Optional<Statement.Setting> s = layers.find(Key.PROBE);
        if (s.isEmpty()) {
            return null;
        }
        Value.Address a = (Value.Address) s.get().value();
        IPAddress addr = parse(a.text(), a.span());
        if (addr == null) {
            return null;
        }
        long interval = millis(layers, Key.PROBE_INTERVAL, 1000, PROBE_INTERVAL_MIN, PROBE_INTERVAL_MAX, "s");
        return new Model.Probe(addr, a.span(), (int) (interval / 1000),
                (int) count(layers, Key.PROBE_DOWN, 3, 1, PROBE_COUNT_MAX),
                (int) count(layers, Key.PROBE_UP, 3, 1, PROBE_COUNT_MAX));
    }

    Model.Endpoint endpoint(Layers layers, Name gateway) {
        Optional<Statement.Setting> s = layers.find(Key.ENDPOINT);
        if (s.isEmpty()) {
            report(TopologyMessages.missingEndpoint(gateway.span(), gateway.text()), gateway.span());
            return null;
        }
        Value.Endpoint e = (Value.Endpoint) s.get().value();
        if (e.family() == null) {
            String host = e.text();
            if (host.length() > 253 || !host.matches("([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*")) {
                report(ValueMessages.invalidDnsName(e.span(), host), e.span());
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
            report(TopologyMessages.missingPorts(owner.span(), owner.text()), owner.span());
            return null;
        }
        Value.Range r = (Value.Range) s.get().value();
        Long from = port(r.from());
        Long to = port(r.to());
        if (from == null || to == null) {
            return null;
        }
        if (from > to) {
            report(ValueMessages.portRangeEmpty(r.span(), from, to), r.span());
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
            report(ValueMessages.asnRangeEmpty(r.span(), from, to), r.span());
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
            report(ValueMessages.asnOutOfRange(n.span(), n.digits()), n.span());
            return null;
        }
        return v;
    }

    private Long port(Value.Number n) {
        Long v = inRange(n, 1, 65535);
        if (v == null) {
            report(ValueMessages.portOutOfRange(n.span(), n.digits(), 1, 65535), n.span());
        }
        return v;
    }

    /** The number, or null when it lies outside {@code min..max}. */
    private static Long inRange(Value.Number n, long min, long max) {
        Long v = parseNumber(n.digits());
        return v == null || v < min || v > max ? null : v;
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
            report(ValueMessages.durationOutOfRange(d.span(), key.words(), d.span().text(), min, max, unit), d.span());
            return fallback;
        }
        if (unit.equals("s") && d.millis() % 1000 != 0) {
            report(ValueMessages.notWholeSeconds(d.span(), key.words(), d.millis(), key == Key.PROBE_INTERVAL
                    ? "ping's timeout counts seconds" : "BIRD counts this timer in seconds"), d.span());
            return fallback;
        }
        return d.millis();
    }

    private long count(Layers layers, Key key, long fallback, long min, long max) {
        Optional<Statement.Setting> s = layers.find(key);
        if (s.isEmpty()) {
            return fallback;
        }
        Value.Number n = (Value.Number) s.get().value();
        Long v = inRange(n, min, max);
        if (v == null) {
            report(ValueMessages.numberOutOfRange(n.span(), key.words(), n.digits(), min, max), n.span());
            return fallback;
        }
        return v;
    }

    /** IPv6's minimum link MTU: Linux removes the IPv6 addresses of an interface set below it. */
    static final int MIN_MTU = 1280;
    static final int MAX_MTU = 65535;

    /** The MTU a block sets for a gateway's tunnels, or null: none does (or the value is invalid, and reported). */
    Model.Located<Integer> mtu(Layers layers) {
        Optional<Statement.Setting> s = layers.find(Key.MTU);
        if (s.isEmpty()) {
            return null;
        }
        Value.Number n = (Value.Number) s.get().value();
        Long v = parseNumber(n.digits());
        if (v == null || v < MIN_MTU || v > MAX_MTU) {
            report(ValueMessages.mtuOutOfRange(n.span(), n.digits(), MIN_MTU, MAX_MTU, v != null && v < MIN_MTU), n.span());
            return null;
        }
        return new Model.Located<>(v.intValue(), n.span());
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

    /** The routing suite of a host ({@code routing frr}, {@code bird 1.6}...); BIRD 2 when nothing says. */
    RoutingSuite routingSuite(Layers layers) {
        Optional<Statement.Setting> s = layers.find(Key.ROUTING);
        if (s.isEmpty()) {
            return RoutingSuite.BIRD2;
        }
        Value.Word w = (Value.Word) s.get().value();
        Optional<RoutingSuite> target = RoutingSuite.of(w.text());
        if (target.isEmpty()) {
            // A version comes after `bird`; a word after `routing`.
            report(Character.isDigit(w.text().charAt(0)) ? ValueMessages.unsupportedBird(w.span(), w.text())
                    : ValueMessages.unsupportedRouting(w.span(), w.text()), w.span());
            return RoutingSuite.BIRD2;
        }
        return target.get();
    }

    RoutingTimers timers(Layers layers) {
        long hold = millis(layers, Key.BGP_HOLD, 6000, 3000, 65535000, "s");
        long keepalive = millis(layers, Key.BGP_KEEPALIVE, 2000, 1000, 65535000, "s");
        if (keepalive >= hold) {
            Statement.Setting k = layers.find(Key.BGP_KEEPALIVE).orElse(layers.find(Key.BGP_HOLD).orElse(null));
            if (k != null) {
                report(ValueMessages.keepaliveNotBelowHold(k.span(), keepalive / 1000, hold / 1000), k.span());
            }
        }
        long hello = millis(layers, Key.OSPF_HELLO, 10000, 1000, 65535000, "s");
        long dead = millis(layers, Key.OSPF_DEAD, 40000, 1000, 65535000, "s");
        if (dead <= hello) {
            Statement.Setting d = layers.find(Key.OSPF_DEAD).orElse(layers.find(Key.OSPF_HELLO).orElse(null));
            if (d != null) {
                report(ValueMessages.deadNotAboveHello(d.span(), dead / 1000, hello / 1000), d.span());
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
