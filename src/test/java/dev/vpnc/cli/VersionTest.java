package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionTest {
    @TempDir
    Path tmp;

    /** The version from the project, the commit from the clone the build ran in. */
    @Test
    void versionNamesTheReleaseAndTheCommit() {
        Project.Run r = Project.cli("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().strip().matches("vpnc \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)"), r.out());
    }

    @Test
    void theManifestRecordsTheVersionThatWroteIt() throws IOException {
        Path work = tmp.resolve("net");
        assertEquals(0, Project.compileExample(Project.root().resolve("examples/reference"), work).exit());
        String manifest = Files.readString(work.resolve("out/manifest.json"));
        String version = Project.cli("--version").out().split(" ")[1];
        assertTrue(manifest.contains("\"vpnc_version\": \"" + version + "\""), manifest.lines().limit(4).toList().toString());
    }
}
