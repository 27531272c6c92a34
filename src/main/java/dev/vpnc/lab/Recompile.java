package dev.vpnc.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;

/**
 * What the key rotation check (9) asks of the compiler, on a copy of the network's key store and
 * lock so that the operator's own are never touched: rotate one gateway's key as
 * {@code vpnc keys rotate} does, and compile the network with the result.
 */
public interface Recompile {
    /** The lock file the lab's bundles were compiled with (copied, never written). */
    Path lockFile();

    /** Rotates the key of gateway {@code host} in the key store {@code secrets} and the lock {@code lock}. */
    void rotate(Path secrets, Path lock, String host) throws IOException;

    /** Rotates the preshared key of the tunnel between gateways {@code a} and {@code b}. */
    void rotatePsk(Path secrets, Path lock, String a, String b) throws IOException;

    /** The compiled output with this key store and lock, by path relative to the output folder. */
    SortedMap<String, String> compile(Path secrets, Path lock);
}
