package dev.vpnc.lsp;

import dev.vpnc.ast.Declaration;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import java.util.Optional;

/** Markdown shown on hover: what vpnc allocated for a host, what a site or profile holds. */
final class Hovers {
    private Hovers() {
    }

    static Optional<String> of(Symbols.Occurrence o, Analysis a) {
        return of(o, a.symbols(), a.result().plan()).map(md -> md + settings(o, a));
    }

    /** For a network, site or host: the table of its effective settings, when the network resolved. */
    private static String settings(Symbols.Occurrence o, Analysis a) {
        var model = a.result().model();
        if (model == null || o.kind() == Symbols.Kind.PROFILE) {
            return "";
        }
        return model.provenance().block(o.name().text())
                .map(b -> "\n\n" + SettingHovers.table(b, a.origins(), model.provenance())).orElse("");
    }

    private static Optional<String> of(Symbols.Occurrence o, Symbols symbols, NetworkPlan plan) {
        String name = o.name().text();
        switch (o.kind()) {
            case GATEWAY:
                return Optional.of(plan == null ? "**gateway " + name + "** (fix the errors to see its allocations)"
                        : plan.gateways().stream().filter(g -> g.name().equals(name)).findFirst()
                        .map(Hovers::gateway).orElse("**gateway " + name + "**"));
            case ROUTER:
                return Optional.of(plan == null ? "**router " + name + "** (fix the errors to see its allocations)"
                        : plan.routers().stream().filter(r -> r.name().equals(name)).findFirst()
                        .map(Hovers::router).orElse("**router " + name + "**"));
            case SITE:
                return Optional.of(site(name, plan));
            case PROFILE:
                return symbols.declarationNode(name).map(d -> "**profile " + name + "**\n\n```vpn\n" + d.span().text() + "\n```");
            default:
                return symbols.declarationNode(name).map(Declaration::name).map(n -> "**network " + n.text() + "**");
        }
    }

    private static String gateway(GatewayPlan g) {
        StringBuilder b = new StringBuilder();
        b.append("**gateway ").append(g.name()).append("** — site ").append(g.site()).append(", AS ").append(g.asn())
                .append("\n\nrouter id `").append(g.routerId()).append("`, LAN `").append(g.lan().ipv6()).append('/')
                .append(g.lan().ipv6Length()).append('`');
        if (g.lan().hasIpv4()) {
            b.append(", `").append(g.lan().ipv4()).append('/').append(g.lan().ipv4Length()).append('`');
        }
        b.append("\n\n| interface | peer | listen port | local | peer address | session | MTU |\n|---|---|---|---|---|---|---|\n");
        for (TunnelEnd t : g.tunnels()) {
            b.append("| `").append(t.ifname()).append("` | ").append(t.peerHost()).append(" | ").append(t.listenPort())
                    .append(" | `").append(t.local6()).append("` | `").append(t.peer6()).append("` | `")
                    .append(t.sessionName()).append("` | ").append(t.mtu()).append(" over ").append(t.underlay().words())
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String router(RouterPlan r) {
        return "**router " + r.name() + "** — site " + r.site() + ", AS " + r.asn() + "\n\nrouter id `" + r.routerId()
                + "`, LAN `" + r.lan().ipv6() + "/" + r.lan().ipv6Length() + "`"
                + (r.lan().hasIpv4() ? ", `" + r.lan().ipv4() + "/" + r.lan().ipv4Length() + "`" : "")
                + "\n\nannounces " + String.join(", ", r.prefixes6()) + (r.prefixes4().isEmpty() ? "" : ", " + String.join(", ", r.prefixes4()));
    }

    private static String site(String name, NetworkPlan plan) {
        if (plan == null) {
            return "**site " + name + "**";
        }
        StringBuilder b = new StringBuilder("**site ").append(name).append("**");
        plan.gateways().stream().filter(g -> g.site().equals(name)).findFirst().ifPresent(g -> b.append(" — AS ").append(g.asn())
                .append("\n\nprefixes ").append(String.join(", ", g.sitePrefixes6()))
                .append(g.sitePrefixes4().isEmpty() ? "" : ", " + String.join(", ", g.sitePrefixes4())));
        b.append("\n\ngateways: ").append(String.join(", ", plan.gateways().stream().filter(g -> g.site().equals(name)).map(GatewayPlan::name).toList()));
        return b.toString();
    }
}
