package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Suggest;
import dev.vpnc.source.Span;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The texts of the diagnostics of {@code vpnc keys rotate} (E0330-W0333). A name from the command
 * line is pointed at on the command line; a gateway or site, at its declaration. Keys are named
 * by their file or their owner, never shown.
 */
public final class RotationMessages {
    private RotationMessages() {
    }

    // ---- E0330: a name that is no key to rotate ----

    public static Diagnostic.Builder notAGateway(Span at, String name, String network, Collection<String> gateways) {
        return Suggest.unknownName(Diagnostic.of(Code.E0330, at, "`" + Diagnostic.shorten(name) + "` is not a gateway of network `"
                + network + "`").label("no such gateway"), at, name, gateways, "gateway");
    }

    public static Diagnostic.Builder routerHasNoKey(Span at, String router) {
        return Diagnostic.of(Code.E0330, at, "`" + router + "` is an internal router: it has no WireGuard key")
                .label("a router, not a gateway")
                .help("name the gateways whose keys to rotate");
    }

    public static Diagnostic.Builder pskNotAPair(Span at, String written) {
        return Diagnostic.of(Code.E0330, at, "`" + Diagnostic.shorten(written) + "` does not name a tunnel")
                .label("expected `A:B`, two gateways")
                .help("write the tunnel's two gateways joined by `:`, e.g. `--psk paris-1:berlin-1`");
    }

    public static Diagnostic.Builder pskNoTunnel(Span at, String a, String b) {
        return Diagnostic.of(Code.E0330, at, "there is no tunnel between `" + a + "` and `" + b + "`")
                .label("not a tunnel of the network")
                .help("name two gateways of different sites that have a tunnel (see `vpnc plan` or the bundles' README)");
    }

    public static Diagnostic.Builder pskNotUsed(Span at, String a, String b) {
        return Diagnostic.of(Code.E0330, at, "the tunnel between `" + a + "` and `" + b + "` has no preshared key")
                .label("`wireguard { psk on }` is not set for it")
                .help("rotate the gateways' keys instead, or turn preshared keys on and compile");
    }

    // ---- E0331: nothing to rotate yet ----

    private static final String COMPILE_FIRST = "compile first (`vpnc compile` creates the key); a key never deployed needs "
            + "no rotation";

    public static Diagnostic.Builder noKeyYet(Span at, String host, String file) {
        return Diagnostic.of(Code.E0331, at, "gateway `" + host + "` has no key to rotate yet")
                .label("no `" + file + "` in the key store")
                .help(COMPILE_FIRST);
    }

    public static Diagnostic.Builder noPskYet(Span at, String a, String b, String file) {
        return Diagnostic.of(Code.E0331, at, "the tunnel between `" + a + "` and `" + b + "` has no preshared key to rotate yet")
                .label("no `" + file + "` in the key store")
                .help(COMPILE_FIRST);
    }

    // ---- E0332, W0333: a batch that cuts sites apart ----

    /**
     * The call site adds {@link #cutFrom} on the declaration of each of {@code others}.
     *
     * @param others  the sites cut from {@code site}
     * @param rotated the rotations of the batch that drain the pairs' tunnels, as in sentences
     * @param order   the commands of a safe order, one per step
     */
    public static Diagnostic.Builder batchCutsSites(Span at, String site, List<String> others, List<String> rotated,
                                                    List<String> order) {
        return Diagnostic.of(Code.E0332, at, "rotating " + and(rotated) + " at once drains every tunnel between "
                        + "site `" + site + "` and " + sites(others))
                .label("no tunnel to " + sites(others) + " would keep its keys")
                .help("rotate them one after the other, deploying each step before the next: "
                        + order.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", then ")));
    }

    /** The label on a site that {@link #batchCutsSites} cuts from {@code site}. */
    public static String cutFrom(String site) {
        return "cut from site `" + site + "`";
    }

    private static String sites(List<String> names) {
        return (names.size() == 1 ? "site " : "sites ") + and(names.stream().map(s -> "`" + s + "`").toList());
    }

    /** Why one rotation alone cuts sites apart. */
    public enum Alone {
        /** The gateway is its site's only one. */
        SINGLE_GATEWAY,
        /** Every tunnel between the sites ends on the gateway (links naming gateways). */
        EVERY_TUNNEL_ON_IT,
        /** The tunnel is the only one between the sites. */
        SINGLE_TUNNEL
    }

    /**
     * @param site  the site of the gateway (or of the tunnel's first end)
     * @param sites the sites whose traffic with {@code site} stops
     */
    public static Diagnostic.Builder notHitless(Span at, String rotated, String site, List<String> sites, Alone why) {
        return Diagnostic.of(Code.W0333, at, "rotating " + rotated + " interrupts all traffic between site `" + site
                        + "` and " + sites(sites))
                .label(switch (why) {
                    case SINGLE_GATEWAY -> "the only gateway of site `" + site + "`";
                    case EVERY_TUNNEL_ON_IT -> "every tunnel between these sites ends on this gateway";
                    case SINGLE_TUNNEL -> "the only tunnel between these sites";
                })
                .help("this cannot be hitless by design: traffic stops when the first end of each tunnel switches keys, "
                        + "until the other end has; deploy both ends close together");
    }

    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
