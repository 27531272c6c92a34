package dev.vpnc.emit.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.emit.Emitter;
import dev.vpnc.emit.ReferencePlanFixture;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.testing.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * topology.svg and index.html of the reference example and of a generated 50-site full mesh
 * (2 gateways each, 4,900 tunnels): well-formed XML with every site, gateway and tunnel (or site
 * link), links to every host's README, nothing fetched from elsewhere, same bytes whatever the
 * locale, names escaped.
 */
class TopologyPictureTest {
    @TempDir
    static Path tmp;

    static Pipeline.Result reference;
    static Pipeline.Result mesh;

    @BeforeAll
    static void compile() throws Exception {
        Path work = tmp.resolve("reference");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        reference = Pipeline.run(work.resolve("net.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertTrue(reference.files() != null, () -> reference.diagnostics().sorted().toString());
        mesh = Mesh.compile(tmp.resolve("mesh"), 50, 2);
    }

    @Test
    void referencePictureHasEverySiteGatewayAndOneLinePerTunnel() throws Exception {
        Svg svg = Svg.parse(reference.files().get("topology.svg"));
        assertEquals("svg", svg.root().getLocalName());
        assertEquals(Svg.NS, svg.root().getNamespaceURI());
        assertSitesAndGateways(svg, reference.plan());

        Set<String> drawn = new TreeSet<>();
        for (Element line : svg.all("line", "tunnel")) {
            assertTrue(drawn.add(line.getAttribute("data-a") + " " + line.getAttribute("data-b")), "drawn twice");
        }
        assertEquals(tunnelPairs(reference.plan()), drawn);
        assertEquals(12, drawn.size());
        assertEquals(List.of(), svg.all("line", "link"));
    }

    @Test
    void hubsAreDrawnApartAndNamedInThePageAndLegend() throws Exception {
        Path work = tmp.resolve("hub-spoke");
        Project.copyTree(Project.root().resolve("examples/hub-spoke"), work);
        Pipeline.Result hubs = Pipeline.run(work.resolve("net.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertTrue(hubs.files() != null, () -> hubs.diagnostics().sorted().toString());
        Svg svg = Svg.parse(hubs.files().get("topology.svg"));
        assertSitesAndGateways(svg, hubs.plan());
        assertEquals(Set.of("frankfurt", "paris"), siteNames(svg.all("g", "hub")));
        assertEquals(8, svg.all("g", "site").size());
        assertTrue(svg.all("text", "legend").get(0).getTextContent().endsWith("hubs, in thick boxes, carry the spokes' traffic"));
        String index = hubs.files().get("index.html");
        assertTrue(index.contains("<td>paris (hub)</td>") && index.contains("<td>frankfurt (hub)</td>"), index);
        assertEquals(2, index.split("\\(hub\\)").length - 1);

        Svg mesh = Svg.parse(reference.files().get("topology.svg"));
        assertEquals(List.of(), mesh.all("g", "hub"));
        assertFalse(mesh.all("text", "legend").get(0).getTextContent().contains("hub"));
        assertFalse(reference.files().get("index.html").contains("(hub)"));
    }

    private static Set<String> siteNames(List<Element> groups) {
        Set<String> names = new TreeSet<>();
        groups.forEach(g -> names.add(g.getAttribute("data-site")));
        return names;
    }

    @Test
    void fiftySiteMeshHasEverySiteGatewayAndOneLinePerSitePair() throws Exception {
        Svg svg = Svg.parse(mesh.files().get("topology.svg"));
        assertSitesAndGateways(svg, mesh.plan());
        assertEquals(50, svg.all("g", "site").size());
        assertEquals(100, svg.all("a", "gateway").size());

        Set<String> expectedPairs = new TreeSet<>();
        for (int i = 1; i <= 50; i++) {
            for (int j = i + 1; j <= 50; j++) {
                String a = "s" + i;
                String b = "s" + j;
                expectedPairs.add(a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
            }
        }
        Set<String> drawn = new TreeSet<>();
        int tunnels = 0;
        for (Element line : svg.all("line", "link")) {
            assertTrue(drawn.add(line.getAttribute("data-a") + " " + line.getAttribute("data-b")), "drawn twice");
            assertEquals("4", line.getAttribute("data-tunnels"), "2 gateways x 2 gateways");
            tunnels += Integer.parseInt(line.getAttribute("data-tunnels"));
        }
        assertEquals(expectedPairs, drawn);
        assertEquals(1225, drawn.size());
        assertEquals(tunnelPairs(mesh.plan()).size(), tunnels);
        assertEquals(4900, tunnels);
        assertEquals(List.of(), svg.all("line", "tunnel"));
    }

    @Test
    void siteBoxesAndTheirGatewaysNeverOverlapAndStayOnTheCanvas() throws Exception {
        for (Pipeline.Result r : List.of(reference, mesh)) {
            Svg svg = Svg.parse(r.files().get("topology.svg"));
            double width = Svg.num(svg.root(), "width");
            double height = Svg.num(svg.root(), "height");
            List<double[]> boxes = new ArrayList<>();
            for (Element site : svg.all("g", "site")) {
                double[] box = bounds(Svg.children(site, "rect").get(0));
                for (Element gw : Svg.children(site, "a")) {
                    box = union(box, bounds(Svg.children(gw, "rect").get(0)));
                }
                assertTrue(box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height,
                        site.getAttribute("data-site") + " is off the canvas");
                boxes.add(box);
            }
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertFalse(intersect(boxes.get(i), boxes.get(j)), "site boxes " + i + " and " + j + " overlap");
                }
            }
        }
    }

    @Test
    void layoutKeepsSitesApartForAnyNumberOfSitesAndGateways() {
        for (int n = 1; n <= 70; n += n < 12 ? 1 : 7) {
            for (int k = 1; k <= 4; k++) {
                List<SiteGraph.Site> sites = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<String> gws = new ArrayList<>();
                    for (int g = 0; g < k; g++) {
                        // Names of different lengths, so the boxes are sized by the longest.
                        gws.add("gw" + "x".repeat((i * 7 + g) % 13) + i + "-" + g);
                    }
                    sites.add(new SiteGraph.Site(String.format(Locale.ROOT, "site%03d", i), 65000 + i,
                            List.of("2001:db8:" + Integer.toHexString(i) + "::/48"), gws, List.of(), i < 2));
                }
                TopologyView view = CircleLayout.place(new SiteGraph("t", sites, List.of(), List.of()));
                double width = Double.parseDouble(view.width());
                double height = Double.parseDouble(view.height());
                List<double[]> boxes = new ArrayList<>();
                for (TopologyView.Site s : view.sites()) {
                    double[] box = box(s.x(), s.y(), s.width(), s.height());
                    for (TopologyView.Gateway g : s.gateways()) {
                        box = union(box, box(g.x(), g.y(), g.width(), g.height()));
                    }
                    assertTrue(box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height, n + "x" + k);
                    boxes.add(box);
                }
                for (int i = 0; i < boxes.size(); i++) {
                    for (int j = i + 1; j < boxes.size(); j++) {
                        assertFalse(intersect(boxes.get(i), boxes.get(j)), n + " sites x " + k + ": " + i + ", " + j);
                    }
                }
            }
        }
    }

    private static double[] box(String x, String y, String w, String h) {
        double left = Double.parseDouble(x);
        double top = Double.parseDouble(y);
        return new double[] {left, top, left + Double.parseDouble(w), top + Double.parseDouble(h)};
    }

    @Test
    void indexLinksEveryHostReadmeAndOnlyFilesThatExist() {
        for (Pipeline.Result r : List.of(reference, mesh)) {
            SortedMap<String, String> files = r.files();
            String index = files.get("index.html");
            Set<String> hrefs = new HashSet<>();
            Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(index);
            while (m.find()) {
                hrefs.add(m.group(1));
            }
            List<String> readmes = files.keySet().stream().filter(p -> p.matches("[^/]+/README\\.md")).toList();
            assertEquals(r.plan().gateways().size() + r.plan().routers().size(), readmes.size());
            for (String readme : readmes) {
                assertTrue(hrefs.contains(readme), "index.html does not link " + readme);
            }
            for (String href : hrefs) {
                assertTrue(files.containsKey(href), "index.html links " + href + ", which is not in the output");
            }
            assertTrue(hrefs.contains("topology.svg"));
            assertTrue(index.contains("<svg xmlns=\"" + Svg.NS + "\""), "the picture is inline");
        }
    }

    @Test
    void nothingIsFetchedFromElsewhere() {
        Pattern url = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\"'\\s<>)]*");
        for (Pipeline.Result r : List.of(reference, mesh)) {
            for (String name : List.of("topology.svg", "index.html")) {
                String text = r.files().get(name);
                Matcher m = url.matcher(text);
                while (m.find()) {
                    assertEquals(Svg.NS, m.group(), name + " refers to " + m.group());
                }
                for (String banned : List.of("<script", "@import", "url(", "src=", "<link", "@font-face")) {
                    assertFalse(text.contains(banned), name + " contains " + banned);
                }
            }
        }
    }

    @Test
    void sameBytesWhateverTheDefaultLocale() {
        NetworkPlan plan = ReferencePlanFixture.plan();
        SortedMap<String, String> root = Emitter.render(plan);
        Locale saved = Locale.getDefault();
        try {
            for (String tag : List.of("de-DE", "ar-EG-u-nu-arab", "hi-IN-u-nu-deva", "tr-TR")) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                SortedMap<String, String> again = Emitter.render(plan);
                assertEquals(root.get("topology.svg"), again.get("topology.svg"), tag);
                assertEquals(root.get("index.html"), again.get("index.html"), tag);
            }
        } finally {
            Locale.setDefault(saved);
        }
        assertTrue(root.get("topology.svg").matches("(?s).*x=\"\\d+(\\.\\d)?\".*"), "plain decimal coordinates");
    }

    @Test
    void namesAreEscaped() throws Exception {
        String network = "a<b>&\"c'";
        String site = "s<1>&";
        NetworkPlan plan = renamed(ReferencePlanFixture.plan(), network, site);
        // Only the picture and its page: the language never yields such names, and other
        // emitters (the Ansible inventory) refuse them outright.
        TopologyView view = TopologyView.of(plan);
        SortedMap<String, String> files = Emitter.renderTopology(view);
        Svg svg = Svg.parse(files.get("topology.svg"));
        assertEquals("network " + network, svg.all("text", "title").get(0).getTextContent());
        assertTrue(svg.all("g", "site").stream().anyMatch(g -> g.getAttribute("data-site").equals(site)));
        String index = files.get("index.html");
        assertFalse(index.contains(network) || index.contains(site), "raw name in index.html");
        assertTrue(index.contains("<h1>Network a&lt;b&gt;&amp;&quot;c&#39;</h1>"), index.substring(0, 800));
    }

    private static void assertSitesAndGateways(Svg svg, NetworkPlan plan) {
        Set<String> sites = new TreeSet<>();
        plan.gateways().forEach(g -> sites.add(g.site()));
        plan.routers().forEach(r -> sites.add(r.site()));
        Set<String> drawnSites = new TreeSet<>();
        Set<String> drawnGateways = new TreeSet<>();
        for (Element g : svg.all("g", "site")) {
            String name = g.getAttribute("data-site");
            assertTrue(drawnSites.add(name), "site drawn twice: " + name);
            String text = g.getTextContent();
            for (GatewayPlan gw : plan.gateways()) {
                if (gw.site().equals(name)) {
                    assertTrue(text.contains("AS " + gw.asn()), name);
                    gw.sitePrefixes6().forEach(p -> assertTrue(text.contains(p), name + " lacks " + p));
                    gw.sitePrefixes4().forEach(p -> assertTrue(text.contains(p), name + " lacks " + p));
                }
            }
            for (Element a : Svg.children(g, "a")) {
                String host = a.getAttribute("data-host");
                assertTrue(drawnGateways.add(host), "gateway drawn twice: " + host);
                assertEquals(host + "/README.md", a.getAttribute("href"));
                assertTrue(plan.gateways().stream().anyMatch(gw -> gw.name().equals(host) && gw.site().equals(name)),
                        host + " drawn on site " + name);
            }
        }
        assertEquals(sites, drawnSites);
        Set<String> gateways = new TreeSet<>();
        plan.gateways().forEach(g -> gateways.add(g.name()));
        assertEquals(gateways, drawnGateways);
    }

    /** Every tunnel once, as "a b" with a sorting first, from the plan's tunnel ends. */
    private static Set<String> tunnelPairs(NetworkPlan plan) {
        Set<String> pairs = new TreeSet<>();
        for (GatewayPlan gw : plan.gateways()) {
            for (TunnelEnd t : gw.tunnels()) {
                String a = gw.name();
                String b = t.peerHost();
                pairs.add(a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
            }
        }
        return pairs;
    }

    private static double[] bounds(Element rect) {
        double x = Svg.num(rect, "x");
        double y = Svg.num(rect, "y");
        return new double[] {x, y, x + Svg.num(rect, "width"), y + Svg.num(rect, "height")};
    }

    private static double[] union(double[] a, double[] b) {
        return new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])};
    }

    private static boolean intersect(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    /** The plan with another network name and its first site renamed, hosts unchanged. */
    private static NetworkPlan renamed(NetworkPlan plan, String network, String site) {
        String old = plan.gateways().get(0).site();
        List<GatewayPlan> gws = new ArrayList<>();
        for (GatewayPlan g : plan.gateways()) {
            gws.add(new GatewayPlan(g.name(), g.site().equals(old) ? site : g.site(), g.asn(), g.routerId(),
                    g.namespace(), g.uplink(), g.lanInterfaces(), g.lan(), g.publicKey(), g.inside(), g.timers(),
                    g.sitePrefixes6(), g.sitePrefixes4(), g.ipv4(), g.tunnels(), g.neighbors(), g.endpoint()));
        }
        List<RouterPlan> routers = new ArrayList<>();
        for (RouterPlan r : plan.routers()) {
            routers.add(new RouterPlan(r.name(), r.site().equals(old) ? site : r.site(), r.asn(), r.routerId(),
                    r.lanInterface(), r.hostInterfaces(), r.lan(), r.inside(), r.timers(), r.prefixes6(),
                    r.prefixes4(), r.sitePrefixes6(), r.sitePrefixes4(), r.ipv4(), r.gateways()));
        }
        return new NetworkPlan(network, gws, routers);
    }
}
