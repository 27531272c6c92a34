package dev.vpnc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every generated file of every example, judged by BIRD, bash, shellcheck, wg and systemd. */
class RealToolsOnExamplesTest {
    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyExamplePassesTheRealTools() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : Project.examples()) {
            tests.add(DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
                RealTools.requireTools(RealTools.ALL_TOOLS);
                Path work = tmp.resolve(example.getFileName().toString());
                Project.Run run = Project.compileExample(example, work);
                assertEquals(0, run.exit(), run.err());
                List<RealTools.Failure> failures = RealTools.checkTree(work.resolve("out"));
                assertTrue(failures.isEmpty(), failures.stream().map(Object::toString).reduce("", (a, b) -> a + "\n" + b));
                long files;
                try (Stream<Path> s = Files.walk(work.resolve("out"))) {
                    files = s.filter(Files::isRegularFile).count();
                }
                assertTrue(files > 10, "checked " + files + " files");
            }));
        }
        return tests;
    }
}
