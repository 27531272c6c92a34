package dev.vpnc.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * This build of vpnc: its version (vpnc/version.txt, from the project's version) and the commit it
 * was built from (vpnc/commit.txt, "unknown" outside a git clone), both written by the build.
 */
public final class VpncVersion {
    private static final String UNKNOWN = "unknown";

    private VpncVersion() {
    }

    public static String version() {
        return resource("/vpnc/version.txt");
    }

    public static String commit() {
        return resource("/vpnc/commit.txt");
    }

    private static String resource(String name) {
        try (InputStream in = VpncVersion.class.getResourceAsStream(name)) {
            return in == null ? UNKNOWN : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
