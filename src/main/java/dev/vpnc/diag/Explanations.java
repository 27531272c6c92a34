package dev.vpnc.diag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The documentation of each diagnostic code, shipped in the jar from docs/diagnostics/CODE/:
 * README.md (what it means, how to fix it), input.vpn (an erroneous example, also a test input)
 * and expected.txt (what vpnc reports for it, checked by the tests). One source serves
 * `vpnc explain`, the README's code list and the diagnostics tests, so they cannot drift.
 */
public final class Explanations {
    private static final String ROOT = "/vpnc/docs/diagnostics/";

    private Explanations() {
    }

    /** The code named by user input such as {@code e0202} or {@code E0202}. */
    public static Optional<Code> code(String id) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        for (Code c : Code.values()) {
            if (c.id().equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The whole explanation of a code: its page, then the example and what vpnc says of it. */
    public static String explain(Code code) {
        StringBuilder out = new StringBuilder();
        out.append(read(code, "README.md").orElse("# " + code.id() + ": " + code.title() + "\n")).append('\n');
        read(code, "input.vpn").ifPresent(input -> {
            out.append("## Example\n\n```vpn\n").append(input).append(input.endsWith("\n") ? "" : "\n").append("```\n\n");
            read(code, "expected.txt").ifPresent(expected ->
                    out.append("vpnc reports:\n\n```\n").append(expected).append(expected.endsWith("\n") ? "" : "\n").append("```\n"));
        });
        return out.toString();
    }

    static Optional<String> read(Code code, String file) {
        try (InputStream in = Explanations.class.getResourceAsStream(ROOT + code.id() + "/" + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
