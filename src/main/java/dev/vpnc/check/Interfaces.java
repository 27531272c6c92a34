package dev.vpnc.check;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Interface names as Linux accepts them (IFNAMSIZ, and what ip(8) and wg(8) can parse). */
public final class Interfaces {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_=+.-]{1,15}");

    private Interfaces() {
    }

    /** Why a name is not a usable interface name, or {@code null} when it is. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > 15) {
            return "it has " + name.length() + " characters, Linux allows 15";
        }
        if (!VALID.matcher(name).matches()) {
            return "it has characters outside [a-zA-Z0-9_=+.-]";
        }
        if (name.equals(".") || name.equals("..")) {
            return "`.` and `..` are reserved";
        }
        if (name.startsWith("-")) {
            // BIRD reads "-eth0" in an interface pattern as "not eth0", ip(8) reads -eth0 as an option.
            return "it starts with `-`, which BIRD reads as an exclusion and ip(8) as an option";
        }
        return null;
    }

    static void check(Model model, Diagnostics diagnostics) {
        Set<Span> reported = new HashSet<>();
        // The namespace name becomes a file in /run/netns: the same rules keep it safe.
        Model.Ifname ns = model.network().namespace();
        String why = problem(ns.name());
        if (why != null) {
            diagnostics.add(Diagnostic.of(Code.E0206, ns.span(), "namespace name `" + ns.name() + "` is not usable: " + why)
                    .label("namespace of this network"));
        }
        for (Model.Site site : model.sites()) {
            for (Model.Gateway g : site.gateways()) {
                List<Model.Ifname> all = new ArrayList<>();
                if (g.uplink() != null) {
                    all.add(g.uplink());
                }
                all.addAll(g.lan());
                names(all, g.name().text(), diagnostics, reported);
            }
            for (Model.Router r : site.routers()) {
                List<Model.Ifname> all = new ArrayList<>();
                if (r.lan() != null) {
                    all.add(r.lan());
                }
                all.addAll(r.hosts());
                names(all, r.name().text(), diagnostics, reported);
            }
        }
    }

    private static void names(List<Model.Ifname> all, String host, Diagnostics diagnostics, Set<Span> reported) {
        Map<String, Model.Ifname> seen = new HashMap<>();
        for (Model.Ifname i : all) {
            String why = problem(i.name());
            if (why != null) {
                if (reported.add(i.span())) {
                    diagnostics.add(Diagnostic.of(Code.E0206, i.span(), "`" + i.name() + "` is not a valid interface name: " + why)
                            .label("invalid interface name"));
                }
                continue;
            }
            Model.Ifname first = seen.putIfAbsent(i.name(), i);
            if (first != null && reported.add(i.span())) {
                diagnostics.add(Diagnostic.of(Code.E0207, i.span(), "`" + i.name() + "` is used twice on `" + host + "`")
                        .label("used again here")
                        .also(first.span(), "first used here"));
            }
        }
    }
}
