package dev.vpnc.check;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.ProbeMessages;
import dev.vpnc.resolve.Model;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A site's health probe: an address of the site (a host behind the gateways' LAN), pinged by
 * each gateway, which withdraws the site's routes while it does not answer.
 */
final class Probes {
    private Probes() {
    }

    static void check(Model model, Diagnostics diagnostics) {
        for (Model.Site s : model.sites()) {
            Model.Probe probe = s.probe();
            if (probe == null) {
                continue;
            }
            // Inside the declared prefixes, so that the ping's path is the one the site's traffic
            // takes (LAN, then the site's routers); a family the site has none of is outside too.
            List<Model.Pfx> family = probe.address().isIPv6() ? s.prefixes6() : s.prefixes4();
            if (family.stream().noneMatch(p -> p.prefix().contains(probe.address()))) {
                String listed = family.isEmpty() ? "none of " + (probe.address().isIPv6() ? "IPv6" : "IPv4")
                        : family.stream().map(Model.Pfx::toString).collect(Collectors.joining(", "));
                diagnostics.add(ProbeMessages.probeOutsideSite(probe.span(), probe.address().toCanonicalString(),
                        s.name().text(), listed));
            }
            if (s.gateways().size() == 1) {
                diagnostics.add(ProbeMessages.probeWithOneGateway(probe.span(), s.name().text(),
                        s.gateways().get(0).name().span()));
            }
        }
    }
}
