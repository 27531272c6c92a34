package dev.vpnc.plan;

/**
 * Which generation of its keys a tunnel end is written for, as vpnc.lock counts them: a change
 * of any of them changes the bundle (a comment in its WireGuard config), so that a rotated key
 * is reviewed and deployed like any other change.
 *
 * @param key     rotations of this end's own private key
 * @param peerKey rotations of the peer's private key
 * @param psk     rotations of the tunnel's preshared key (0 without one)
 */
public record KeyRotations(int key, int peerKey, int psk) {
    /** Keys never rotated: the bundle says nothing about rotation. */
    public static final KeyRotations NONE = new KeyRotations(0, 0, 0);

    /** Whether any of the keys was ever rotated. */
    public boolean any() {
        return key > 0 || peerKey > 0 || psk > 0;
    }
}
