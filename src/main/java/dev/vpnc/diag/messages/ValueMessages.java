package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Fix;
import dev.vpnc.source.Span;
import java.util.List;

/** The texts of the diagnostics about values (E02xx): addresses, numbers, timers, interface names. */
public final class ValueMessages {
    private ValueMessages() {
    }

    // ---- E0201-E0203: addresses and prefixes ----

    public static Diagnostic.Builder notAPrefix(Span at, String written) {
        return Diagnostic.of(Code.E0201, at, "`" + written + "` is not a prefix").label("expected ADDRESS/LENGTH");
    }

    public static Diagnostic.Builder prefixLengthTooLong(Span at, String written) {
        return Diagnostic.of(Code.E0201, at, "`" + Diagnostic.shorten(written) + "` is not a valid prefix")
                .label("prefix length too long: at most 128 for IPv6, 32 for IPv4");
    }

    /** {@code libraryMessage}: why the address library rejected it; its reason becomes the label. */
    public static Diagnostic.Builder invalidAddress(Span at, String written, String libraryMessage) {
        return Diagnostic.of(Code.E0201, at, "`" + Diagnostic.shorten(written) + "` is not a valid address or prefix")
                .label(reason(libraryMessage));
    }

    /** For the malformed inputs the address library throws on instead of reporting them. */
    public static Diagnostic.Builder notAnAddress(Span at, String written) {
        return Diagnostic.of(Code.E0201, at, "`" + Diagnostic.shorten(written) + "` is not a valid address or prefix")
                .label("not an address");
    }

    public static Diagnostic.Builder invalidDnsName(Span at, String host) {
        return Diagnostic.of(Code.E0201, at, "`" + host + "` is not a valid DNS name")
                .label("invalid host name")
                .help("DNS labels have 1 to 63 letters, digits or `-`, not starting or ending with `-`");
    }

    /** An endpoint written `[address]:port`, at {@code at}; {@code address} is what is inside the brackets. */
    public static Diagnostic.Builder bracketedEndpoint(Span at, String address) {
        return Diagnostic.of(Code.E0201, at, "write the endpoint without brackets or port")
                .label("write `" + address + "`")
                .help("vpnc writes `[address]:port` in the WireGuard files itself, with the port it allocates")
                .fix(Fix.replace(at, at.text(), address));
    }

    /** {@code network}: the network address of the prefix, as the fix replacing {@code prefix} at {@code at}. */
    public static Diagnostic.Builder hostBitsSet(Span at, String prefix, String network) {
        return Diagnostic.of(Code.E0202, at, "`" + prefix + "` has host bits set")
                .label("host bits set")
                .help("did you mean `" + network + "`?")
                .fix(Fix.replace(at, prefix, network));
    }

    /** {@code ipv6}: the family of the prefix written; the setting expects the other one. */
    public static Diagnostic.Builder wrongPrefixFamily(Span at, String prefix, boolean ipv6) {
        return Diagnostic.of(Code.E0203, at, "`" + prefix + "` is an " + (ipv6 ? "IPv6" : "IPv4") + " prefix")
                .label("expected an " + (ipv6 ? "IPv4" : "IPv6") + " prefix");
    }

    private static String reason(String libraryMessage) {
        String m = libraryMessage == null ? "invalid" : libraryMessage.replaceAll("\\s+", " ").trim();
        // The library prefixes its messages with the input and "IP Address error:"; keep the reason.
        m = m.replaceFirst("^.*IP Address error:\\s*", "");
        m = m.replaceAll("\\s*,?\\s*(at )?index.*$", "");
        if (m.isEmpty()) {
            return "invalid";
        }
        boolean acronym = m.length() > 1 && Character.isUpperCase(m.charAt(1));
        return acronym ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    // ---- E0204-E0205: numbers ----

    public static Diagnostic.Builder portRangeEmpty(Span at, long from, long to) {
        return Diagnostic.of(Code.E0204, at, "port range " + from + ".." + to + " is empty")
                .label("the first port is above the last").help("write the lower port first");
    }

    public static Diagnostic.Builder asnRangeEmpty(Span at, long from, long to) {
        return Diagnostic.of(Code.E0204, at, "AS range " + from + ".." + to + " is empty")
                .label("the first AS number is above the last").help("write the lower AS number first");
    }

    public static Diagnostic.Builder portOutOfRange(Span at, String digits, long min, long max) {
        return Diagnostic.of(Code.E0204, at, digits + " is out of range for a UDP port").label("expected " + min + " to " + max);
    }

    public static Diagnostic.Builder numberOutOfRange(Span at, String setting, String digits, long min, long max) {
        return Diagnostic.of(Code.E0204, at, digits + " is out of range for `" + setting + "`")
                .label("expected " + min + " to " + max);
    }

    /**
     * {@code wireguard mtu} out of range; {@code below}: under IPv6's minimum link MTU ({@code min}),
     * which the tunnels' IPv6 addresses need.
     */
    public static Diagnostic.Builder mtuOutOfRange(Span at, String digits, long min, long max, boolean below) {
        Diagnostic.Builder b = Diagnostic.of(Code.E0204, at, digits + " is out of range for `wireguard mtu`");
        return below
                ? b.label("expected " + min + " to " + max + ": IPv6 needs links of " + min + " bytes or more")
                .help("use `wireguard { mtu " + min + " }` or more, or remove the setting: each tunnel then gets 1420"
                        + " over an IPv6 underlay, 1440 over IPv4")
                : b.label("expected " + min + " to " + max);
    }

    /** A duration out of range; {@code unit} ("s" or "ms") is the one the range is shown in. */
    public static Diagnostic.Builder durationOutOfRange(Span at, String setting, String written, long minMillis,
                                                        long maxMillis, String unit) {
        return Diagnostic.of(Code.E0204, at, "`" + setting + "` " + written + " is out of range")
                .label("expected " + show(minMillis, unit) + " to " + show(maxMillis, unit));
    }

    /** The help names the value rounded, at least 1s; {@code why} says what counts in seconds. */
    public static Diagnostic.Builder notWholeSeconds(Span at, String setting, long millis, String why) {
        return Diagnostic.of(Code.E0204, at, "`" + setting + "` must be whole seconds")
                .label(why)
                .help("round it to whole seconds, e.g. `" + Math.max(1, (millis + 500) / 1000) + "s`");
    }

    private static String show(long millis, String unit) {
        return unit.equals("s") ? millis / 1000 + "s" : millis + "ms";
    }

    public static Diagnostic.Builder asnOutOfRange(Span at, String digits) {
        return Diagnostic.of(Code.E0205, at, "AS number " + digits + " is out of range")
                .label("not a usable AS number")
                .help("AS numbers run from 1 to 4294967294, except 23456 and 65535; private ones are 64512-65534 "
                        + "and 4200000000-4294967294");
    }

    // ---- E0206-E0207: interface names ----

    /** {@code why}: one of the reasons below. */
    public static Diagnostic.Builder namespaceUnusable(Span at, String namespace, String why) {
        return Diagnostic.of(Code.E0206, at, "namespace name `" + namespace + "` is not usable: " + why)
                .label("namespace of this network");
    }

    /** {@code why}: one of the reasons below. */
    public static Diagnostic.Builder invalidInterfaceName(Span at, String name, String why) {
        return Diagnostic.of(Code.E0206, at, "`" + name + "` is not a valid interface name: " + why)
                .label("invalid interface name");
    }

    /** A tunnel interface name that vpnc made from the peer's name; {@code why}: one of the reasons below. */
    public static Diagnostic.Builder tunnelInterfaceInvalid(Span at, String ifname, String host, String why, String peer,
                                                            long port) {
        return tunnelInterfaceUnusable(at, ifname, host, why, peer, port);
    }

    /** A tunnel interface name that another tunnel of the host already has. */
    public static Diagnostic.Builder tunnelInterfaceTaken(Span at, String ifname, String host, String peer, long port) {
        return tunnelInterfaceUnusable(at, ifname, host, "the name is taken", peer, port);
    }

    private static Diagnostic.Builder tunnelInterfaceUnusable(Span at, String ifname, String host, String why, String peer,
                                                              long port) {
        return Diagnostic.of(Code.E0206, at, "tunnel interface `" + ifname + "` on `" + host + "` is not usable: " + why)
                .label("interface names are `wg-` and the peer's name")
                .help("shorten the gateway name to 12 characters or fewer, or pin a name in vpnc.lock: `end "
                        + host + " " + peer + " port " + port + " ifname wg-SHORT`");
    }

    /** Why an interface name is not usable: it is empty. */
    public static String emptyInterfaceName() {
        return "it is empty";
    }

    public static String interfaceNameTooLong(int length) {
        return "it has " + length + " characters, Linux allows 15";
    }

    public static String interfaceNameCharacters() {
        return "it has characters outside [a-zA-Z0-9_=+.-]";
    }

    public static String dotInterfaceName() {
        return "`.` and `..` are reserved";
    }

    public static String interfaceNameStartsWithDash() {
        // BIRD reads "-eth0" in an interface pattern as "not eth0", ip(8) reads -eth0 as an option.
        return "it starts with `-`, which BIRD reads as an exclusion and ip(8) as an option";
    }

    public static Diagnostic.Builder interfaceUsedTwice(Span at, String name, String host, Span first) {
        return Diagnostic.of(Code.E0207, at, "`" + name + "` is used twice on `" + host + "`")
                .label("used again here")
                .also(first, "first used here");
    }

    // ---- E0208-E0210: BIRD ----

    public static Diagnostic.Builder unsupportedBird(Span at, String version) {
        return Diagnostic.of(Code.E0208, at, "vpnc does not write configs for BIRD `" + version + "`")
                .label("not a supported BIRD version")
                .help("write `bird 2` (the default) or `bird 1.6` (`bird` and `bird6`, as in the reference article)");
    }

    /** {@code routing WORD} naming no suite (a version after {@code bird} is {@link #unsupportedBird}). */
    public static Diagnostic.Builder unsupportedRouting(Span at, String word) {
        return Diagnostic.of(Code.E0208, at, "vpnc does not write configs for the routing suite `" + word + "`")
                .label("not a supported routing suite")
                .help("write `routing frr`, `routing bird 2` (the default) or `routing bird 1.6`");
    }

    public static Diagnostic.Builder keepaliveNotBelowHold(Span at, long keepaliveSeconds, long holdSeconds) {
        return Diagnostic.of(Code.E0209, at, "BGP keepalive " + keepaliveSeconds + "s is not below the hold time "
                        + holdSeconds + "s")
                .label("keepalive must be shorter than hold")
                .help("a third of the hold time is usual, e.g. `hold 6s` with `keepalive 2s`");
    }

    public static Diagnostic.Builder deadNotAboveHello(Span at, long deadSeconds, long helloSeconds) {
        return Diagnostic.of(Code.E0209, at, "OSPF dead interval " + deadSeconds + "s is not above the hello interval "
                        + helloSeconds + "s")
                .label("dead must exceed hello").help("four hellos is usual, e.g. `hello 10s` with `dead 40s`");
    }

    /**
     * {@code hosts}: the hosts this setting gives the refused version; {@code supported}: the
     * versions the command runs.
     */
    public static Diagnostic.Builder targetNotSupported(Span at, String command, String suite, List<String> supported,
                                                        List<String> hosts, String firstSupportedSetting) {
        return Diagnostic.of(Code.E0210, at, "`" + command + "` runs " + String.join(" or ", supported)
                        + " only; " + (hosts.size() == 1 ? "`" + hosts.get(0) + "` is" : hosts.size() + " hosts are")
                        + " written for " + suite)
                .label(suite + " for " + String.join(", ", hosts.stream().map(h -> "`" + h + "`").toList()))
                .help("`vpnc compile` writes these configs; to run them in `" + command + "`, compile a copy of the network"
                        + " with `" + firstSupportedSetting + "`");
    }
}
