package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.source.Span;

/** The texts of the diagnostics about a site's health probe (E0340, W0341). */
public final class ProbeMessages {
    private ProbeMessages() {
    }

    /**
     * The probe's address lies outside every prefix the site declares; {@code prefixes} lists
     * those of its family ("none" when the site has none).
     */
    public static Diagnostic.Builder probeOutsideSite(Span at, String address, String site, String prefixes) {
        return Diagnostic.of(Code.E0340, at, "probe `" + address + "` is not in site `" + site + "`")
                .label("outside the site's prefixes (" + prefixes + ")")
                .help("probe a host of the site, inside its `prefixes`: the gateways ping it over their LAN, and withdraw"
                        + " the site's routes when it does not answer");
    }

    /** A probe on a site whose only gateway would withdraw the site's routes: the site is cut off either way. */
    public static Diagnostic.Builder probeWithOneGateway(Span at, String site, Span gateway) {
        return Diagnostic.of(Code.W0341, at, "site `" + site + "` has one gateway: its probe can only cut the site off")
                .label("withdraws the routes of the only gateway")
                .also(gateway, "no other gateway takes the traffic when this one withdraws")
                .help("add a second gateway to the site, or remove the probe: with one gateway, a probed host that"
                        + " stops answering cuts off the whole site");
    }
}
