package dev.vpnc.plan;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.StoreMessages;
import dev.vpnc.resolve.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * W0322: two gateways with one private key (a key file copied, or symlinked, from another host).
 * WireGuard identifies a peer by its public key, so peers cannot tell the two apart, and one
 * stolen bundle's key impersonates both. Compared through the public keys, never the secrets.
 */
public final class SharedKeys {
    private SharedKeys() {
    }

    public static void check(Model model, Map<String, String> publicKeys, Diagnostics diagnostics) {
        Map<String, List<Model.Gateway>> byKey = new TreeMap<>();
        for (Model.Site s : model.sites()) {
            for (Model.Gateway g : s.gateways()) {
                String key = publicKeys.get(g.name().text());
                if (key != null) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
                }
            }
        }
        for (List<Model.Gateway> same : byKey.values()) {
            for (int i = 1; i < same.size(); i++) {
                Model.Gateway first = same.get(0);
                Model.Gateway g = same.get(i);
                diagnostics.add(StoreMessages.sharedPrivateKey(g.name().span(), g.name().text(), first.name().span(),
                        first.name().text()));
            }
        }
    }
}
