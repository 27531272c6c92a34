package dev.vpnc.check;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.ValueMessages;
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

    /** Why a name is not a usable interface name, in the words of E0206's messages, or {@code null} when it is. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return ValueMessages.emptyInterfaceName();
        }
        if (name.length() > 15) {
            return ValueMessages.interfaceNameTooLong(name.length());
        }
        if (!VALID.matcher(name).matches()) {
            return ValueMessages.interfaceNameCharacters();
        }
        if (name.equals(".") || name.equals("..")) {
            return ValueMessages.dotInterfaceName();
        }
        if (name.startsWith("-")) {
            return ValueMessages.interfaceNameStartsWithDash();
        }
        return null;
    }

    static void check(Model model, Diagnostics diagnostics) {
        Set<Span> reported = new HashSet<>();
        // The namespace name becomes a file in /run/netns: the same rules keep it safe.
        Model.Ifname ns = model.network().namespace();
        String why = problem(ns.name());
        if (why != null) {
            diagnostics.add(ValueMessages.namespaceUnusable(ns.span(), ns.name(), why));
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
                    diagnostics.add(ValueMessages.invalidInterfaceName(i.span(), i.name(), why));
                }
                continue;
            }
            Model.Ifname first = seen.putIfAbsent(i.name(), i);
            if (first != null && reported.add(i.span())) {
                diagnostics.add(ValueMessages.interfaceUsedTwice(i.span(), i.name(), host, first.span()));
            }
        }
    }
}
