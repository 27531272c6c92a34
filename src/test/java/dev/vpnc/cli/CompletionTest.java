package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import dev.vpnc.tools.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts, loaded by the real shells, complete a command, a subcommand and an option. */
class CompletionTest {
    @TempDir
    Path tmp;

    private Path script(String shell) throws IOException {
        Project.Run r = Project.cli("completion", shell);
        assertEquals(0, r.exit(), r.err());
        Path file = tmp.resolve("vpnc." + shell);
        Files.writeString(file, r.out());
        return file;
    }

    @Test
    void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
        RealTools.requireTools(List.of("bash"));
        Path script = script("bash");
        // What bash does on TAB: the words so far, the completion function, the candidates.
        String out = run("bash", "-c", "source \"$0\" 2>/dev/null; "
                + "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($#-1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); "
                + "_complete_vpnc vpnc \"${!#}\" \"${COMP_WORDS[$#-2]}\" 2>/dev/null; echo \"${COMPREPLY[*]}\"; }; "
                + "t vpnc compi; t vpnc compile --lo; t vpnc lab t; t vpnc lab test --ro", script.toString());
        assertEquals(List.of("compile", "--lock", "test", "--rounds"), out.lines().toList(), out);
    }

    @Test
    void fishCompletesCommandsSubcommandsAndOptions() throws Exception {
        RealTools.requireTools(List.of("fish"));
        Path script = script("fish");
        String out = run("fish", "-c", "source $argv[1]; complete -C 'vpnc compi'; complete -C 'vpnc compile --lo'; "
                + "complete -C 'vpnc lab t'", script.toString());
        List<String> words = out.lines().map(l -> l.split("\t")[0]).toList();
        assertEquals(List.of("compile", "--lock", "test"), words, out);
    }

    @Test
    void zshLoadsItsScript() throws Exception {
        RealTools.requireTools(List.of("zsh"));
        Path script = script("zsh");
        String out = run("zsh", "-c", "autoload -U compinit && compinit -u -d $0.dump && source $0 && whence -w _complete_vpnc",
                script.toString());
        assertTrue(out.contains("_complete_vpnc: function"), out);
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertEquals(Main.USAGE, Project.cli("completion", "tcsh").exit());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
