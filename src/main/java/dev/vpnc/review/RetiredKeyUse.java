package dev.vpnc.review;

import dev.vpnc.plan.RetiredKeys;
import java.util.List;
import java.util.Map;

/**
 * Which retired keys an output no longer uses, from its manifest: a gateway's private key of
 * generation N once the manifest records for that gateway, and for every tunnel of a peer to it,
 * a rotation count above N; a preshared key of generation N once both ends of its tunnel record
 * a preshared key rotation above N. A gateway or tunnel the manifest does not know keeps its keys:
 * nothing says they are unused.
 */
public final class RetiredKeyUse {
    private RetiredKeyUse() {
    }

    public static List<RetiredKeys.Retired> unused(List<RetiredKeys.Retired> retired, Manifest.Contents manifest) {
        return retired.stream().filter(k -> k.presharedKey() ? pskUnused(k, manifest.hosts()) : keyUnused(k, manifest.hosts()))
                .toList();
    }

    private static boolean keyUnused(RetiredKeys.Retired k, Map<String, HostSummary> hosts) {
        HostSummary owner = hosts.get(k.host());
        if (owner == null || owner.keyRotation() <= k.generation()) {
            return false;
        }
        for (HostSummary h : hosts.values()) {
            HostSummary.Tunnel toOwner = h.tunnels().get(k.host());
            if (toOwner != null && toOwner.peerKeyRotation() <= k.generation()) {
                return false;
            }
        }
        return true;
    }

    private static boolean pskUnused(RetiredKeys.Retired k, Map<String, HostSummary> hosts) {
        return pskRotationAbove(hosts, k.host(), k.peer(), k.generation())
                && pskRotationAbove(hosts, k.peer(), k.host(), k.generation());
    }

    private static boolean pskRotationAbove(Map<String, HostSummary> hosts, String host, String peer, int generation) {
        HostSummary h = hosts.get(host);
        HostSummary.Tunnel t = h == null ? null : h.tunnels().get(peer);
        return t != null && t.pskRotation() > generation;
    }
}
