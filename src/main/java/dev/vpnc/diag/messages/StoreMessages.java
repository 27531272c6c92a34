package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.source.Span;

/**
 * The texts of the diagnostics about the key store and the output folder (E0313, W0321-E0323).
 * Their span is the file or folder itself, which has no text to show; {@code file} is its path.
 */
public final class StoreMessages {
    private StoreMessages() {
    }

    // ---- E0313: a key file that cannot be used; an error names the file, never its content ----

    public static Diagnostic.Builder keyFileNotRegular(Span at, String file) {
        return unusableKeyFile(at, file, "it is not a regular file");
    }

    public static Diagnostic.Builder keyFileTooLarge(Span at, String file, int maxBytes) {
        return unusableKeyFile(at, file, "it is larger than a key file (" + maxBytes + " bytes at most)");
    }

    public static Diagnostic.Builder keyFileWrongLength(Span at, String file) {
        return unusableKeyFile(at, file, "it does not hold a 32-byte base64 key");
    }

    public static Diagnostic.Builder keyFileNotBase64(Span at, String file) {
        return unusableKeyFile(at, file, "it does not hold a base64 key");
    }

    public static Diagnostic.Builder keyFileUnreadable(Span at, String file) {
        return unusableKeyFile(at, file, "it cannot be read");
    }

    /** The two ends of a tunnel hold different preshared keys; {@code other} is the peer's file, in the key store. */
    public static Diagnostic.Builder presharedKeysDiffer(Span at, String file, String other) {
        return unusableKeyFile(at, file, "its preshared key differs from the one in `" + other + "`");
    }

    private static Diagnostic.Builder unusableKeyFile(Span at, String file, String why) {
        return Diagnostic.of(Code.E0313, at, "key file `" + file + "` is unusable: " + why).label("in the key store");
    }

    // ---- W0321, W0322: keys others may have ----

    /** {@code mode}: the file's permissions, as {@code ls -l} shows them ({@code rw-r--r--}). */
    public static Diagnostic.Builder keyFileOpenToOthers(Span at, String file, String mode) {
        return Diagnostic.of(Code.W0321, at, "key file `" + file + "` can be used by other users (" + mode + ")")
                .label("in the key store")
                .help("run `chmod 600 " + file + "`, and replace the key if someone else may have read it");
    }

    public static Diagnostic.Builder sharedPrivateKey(Span at, String gateway, Span firstAt, String first) {
        return Diagnostic.of(Code.W0322, at, "gateways `" + first + "` and `" + gateway + "` have the same private key")
                .label("same key as `" + first + "`")
                .also(firstAt, "this gateway's key")
                .help("delete `" + gateway + "/private.key` in the key store and compile to make it a key "
                        + "of its own, then redeploy its peers");
    }

    // ---- E0323: the output folder overlaps what compile reads ----

    /** Where the output folder lies against an input. */
    public enum Overlap {
        /** The same path. */
        SAME("is"),
        /** The input is inside the output folder. */
        HOLDS("holds"),
        /** The output folder is inside the input (a folder). */
        INSIDE("is inside");

        private final String words;

        Overlap(String words) {
            this.words = words;
        }
    }

    public static Diagnostic.Builder outputOverlapsSource(Span at, String output, Overlap how, String file) {
        return outputOverlaps(at, output, how, "the source file", file);
    }

    public static Diagnostic.Builder outputOverlapsLockFile(Span at, String output, Overlap how, String file) {
        return outputOverlaps(at, output, how, "the lock file", file);
    }

    public static Diagnostic.Builder outputOverlapsKeyStore(Span at, String output, Overlap how, String folder) {
        return outputOverlaps(at, output, how, "the key store", folder);
    }

    private static Diagnostic.Builder outputOverlaps(Span at, String output, Overlap how, String what, String input) {
        return Diagnostic.of(Code.E0323, at, "the output folder `" + output + "` " + how.words + " " + what + " `" + input + "`")
                .label("every compile replaces this folder whole")
                .help("write the output to a folder of its own, e.g. `-o out/`, outside the key store, the sources "
                        + "and the lock file");
    }
}
