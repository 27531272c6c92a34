package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes (0 ok, 1 input errors, 2 usage), help everywhere, nothing written on error. */
class CliTest {
    @TempDir
    Path tmp;

    @Test
    void helpEverywhere() {
        for (String[] args : new String[][] {{"--help"}, {"compile", "--help"}, {"check", "--help"}}) {
            Project.Run r = Project.cli(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertTrue(r.out().contains("Usage: vpnc"), r.out());
        }
    }

    /** Main builds only the command a run names, so its table of names must be the commands' own. */
    @Test
    void everyCommandIsListedUnderItsOwnName() {
        Main.COMMANDS.forEach((name, command) -> assertEquals(name, new CommandLine(command.get()).getCommandName()));
        Project.Run help = Project.cli("--help");
        for (String name : Main.COMMANDS.keySet()) {
            assertTrue(help.out().contains("\n  " + name + " "), name + " in:\n" + help.out());
        }
        Project.Run typo = Project.cli("compil");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("compile"), typo.err());
        assertEquals(0, Project.cli("help", "plan").exit());
    }

    @Test
    void theWarmUpRunsWithoutError() {
        Warmup.warm();
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, Project.cli().exit());
        assertEquals(2, Project.cli("compile").exit());
        assertEquals(2, Project.cli("frobnicate").exit());
        Project.Run r = Project.cli("compile", "x.vpn");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("-o"), r.err());
        // Check 1 (sessions) is what the others stand on; 12 does not exist.
        for (String skip : new String[] {"1", "5,12"}) {
            Project.Run lab = Project.cli("lab", "test", "x.vpn", "--skip", skip);
            assertEquals(2, lab.exit(), lab.err());
            assertTrue(lab.err().contains("--skip takes check numbers from 2 to 11"), lab.err());
        }
    }

    @Test
    void inputErrorsExitWith1AndWriteNothing() throws IOException {
        Path src = tmp.resolve("net.vpn");
        Files.writeString(src, "network n {\n  tunnels ipv6 2001:db8:ff::1/64\n}\n");
        Path out = tmp.resolve("out");
        Project.Run r = Project.cli("compile", src.toString(), "-o", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("error[E0202]"), r.err());
        assertTrue(r.err().contains("nothing was written"), r.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("secrets")));
        assertFalse(Files.exists(tmp.resolve("vpnc.lock")));
    }

    @Test
    void missingFileIsADiagnosticNotAStackTrace() {
        Project.Run r = Project.cli("check", tmp.resolve("nope.vpn").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("error[E0108]"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void previousOutputSurvivesAFailedCompile() throws IOException {
        Path work = tmp.resolve("net");
        assertEquals(0, Project.compileExample(Project.root().resolve("examples/reference"), work).exit());
        var before = Project.readTree(work.resolve("out"));
        Files.writeString(work.resolve("net.vpn"), Files.readString(work.resolve("net.vpn")) + "\nsite broken {\n");
        Project.Run r = Project.cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
        assertEquals(1, r.exit());
        assertEquals(before, Project.readTree(work.resolve("out")));
    }

    @Test
    void refusesToWriteIntoAForeignDirectory() throws IOException {
        Path work = tmp.resolve("net");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Path foreign = tmp.resolve("home");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Project.Run r = Project.cli("compile", work.resolve("net.vpn").toString(), "-o", foreign.toString());
        assertEquals(1, r.exit());
        assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
    }

    @Test
    void recompilingUnchangedInputWritesNoFile() throws IOException {
        Path work = tmp.resolve("net");
        assertEquals(0, Project.compileExample(Project.root().resolve("examples/reference"), work).exit());
        Project.Run again = Project.cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("(0 written"), again.out());
    }
}
