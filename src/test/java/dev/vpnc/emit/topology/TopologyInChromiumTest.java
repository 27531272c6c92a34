package dev.vpnc.emit.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser draws index.html: headless Chromium takes a 1200x900 screenshot of the page of
 * the reference example and of a 50-site full mesh, and the PNG must show the picture: enough
 * non-white pixels and the picture's own colours (site box fill, gateway node blue, tunnel or
 * link strokes), which only appear when the inline SVG rendered. Skipped without chromium,
 * except in CI (CI=true) where that is a failure.
 */
class TopologyInChromiumTest {
    /** Colours from topology.svg's style. */
    private static final int SITE_FILL = 0xf7fafc;
    private static final int GATEWAY_FILL = 0x2b6cb0;
    private static final int TUNNEL_STROKE = 0xdd6b20;

    @TempDir
    Path tmp;

    @Test
    void referencePageRendersThePicture() throws Exception {
        Tools.require("chromium");
        Path work = tmp.resolve("reference");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Pipeline.Result r = Pipeline.run(work.resolve("net.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertTrue(r.files() != null, () -> r.diagnostics().sorted().toString());
        BufferedImage shot = screenshot(r.files(), work.resolve("out"), "reference");
        Stats s = Stats.of(shot);
        System.out.println("reference page: " + s);
        assertTrue(s.nonWhite > 0.01, "blank page: " + s);
        assertTrue(s.colours > 50, "too few colours: " + s);
        assertTrue(s.near(GATEWAY_FILL) > 500, "no gateway nodes drawn: " + s);
        assertTrue(s.near(SITE_FILL) > 5000, "no site boxes drawn: " + s);
        assertTrue(s.near(TUNNEL_STROKE) > 200, "no tunnels drawn: " + s);
    }

    @Test
    void fiftySiteMeshPageRendersThePicture() throws Exception {
        Tools.require("chromium");
        Pipeline.Result r = Mesh.compile(tmp.resolve("mesh"), 50, 2);
        BufferedImage shot = screenshot(r.files(), tmp.resolve("mesh/out"), "50-site mesh");
        Stats s = Stats.of(shot);
        System.out.println("50-site mesh page: " + s);
        // The 4,400 px picture is scaled to the page's width: 100 small nodes and 1,225 thin lines.
        assertTrue(s.nonWhite > 0.05, "blank page: " + s);
        assertTrue(s.colours > 50, "too few colours: " + s);
        assertTrue(s.near(GATEWAY_FILL) > 100, "no gateway nodes drawn: " + s);
    }

    /** Writes the page and its links' targets, screenshots it, returns the decoded PNG. */
    private BufferedImage screenshot(Map<String, String> files, Path out, String what) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().equals("index.html") || f.getKey().equals("topology.svg") || f.getKey().endsWith("/README.md")) {
                Path p = out.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        }
        Path png = tmp.resolve(what.replace(' ', '-') + ".png");
        long start = System.nanoTime();
        List<String> command = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=" + tmp.resolve("profile-" + what.replace(' ', '-')),
                "--screenshot=" + png, "--window-size=1200,900", out.resolve("index.html").toUri().toString());
        Path log = tmp.resolve("chromium.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Generous: the shared CI machine can be slow to start a browser.
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 300 s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(Files.isRegularFile(png), "no screenshot: " + output);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(900, image.getHeight());
        System.out.printf(Locale.ROOT, "chromium screenshot of the %s page: %.1f s%n", what, seconds);
        return image;
    }

    /** Pixel counts of a screenshot. */
    private record Stats(double nonWhite, int colours, Map<Integer, Integer> histogram) {
        static Stats of(BufferedImage image) {
            Map<Integer, Integer> histogram = new java.util.HashMap<>();
            long nonWhite = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    histogram.merge(rgb, 1, Integer::sum);
                    if (rgb != 0xffffff) {
                        nonWhite++;
                    }
                }
            }
            return new Stats((double) nonWhite / (image.getWidth() * image.getHeight()), histogram.size(), histogram);
        }

        /** Pixels within 6 of a colour on every channel (anti-aliasing and colour conversion leave the inside of a shape intact). */
        int near(int colour) {
            int n = 0;
            for (Map.Entry<Integer, Integer> e : histogram.entrySet()) {
                int c = e.getKey();
                if (Math.abs((c >> 16 & 0xff) - (colour >> 16 & 0xff)) <= 6 && Math.abs((c >> 8 & 0xff) - (colour >> 8 & 0xff)) <= 6
                        && Math.abs((c & 0xff) - (colour & 0xff)) <= 6) {
                    n += e.getValue();
                }
            }
            return n;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f%% non-white, %d colours, gateway blue %d px, site fill %d px, tunnel orange %d px",
                    nonWhite * 100, colours, near(GATEWAY_FILL), near(SITE_FILL), near(TUNNEL_STROKE));
        }
    }
}
