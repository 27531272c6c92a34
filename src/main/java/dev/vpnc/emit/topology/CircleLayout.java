package dev.vpnc.emit.topology;

import static dev.vpnc.emit.topology.Coordinates.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Places the sites on a circle, in name order clockwise from the top (two sites: side by side),
 * each a box of the same size with its gateways as small nodes on the side facing the centre, so
 * lines between gateways run inside the ring, under the boxes, never across a box's text. The
 * radius is the smallest that keeps neighbouring boxes apart (a few sites get a wider ring), so
 * 50 sites give a picture about 4,400 px wide with every label at its natural size.
 *
 * <p>Up to {@value #MAX_TUNNEL_LINES} tunnels, each tunnel is a line between its two gateway
 * nodes. Beyond, a full mesh would be a solid blot (50 sites x 2 gateways: 4,900 tunnels), so
 * each pair of linked sites gets one thin line and its tunnel count in the line's tooltip.
 *
 * <p>Text widths are estimated from a monospace font (0.61 em a character; DejaVu Sans Mono is
 * 0.602 em), so the box sizes depend on the names and not on the fonts of the machine.
 * Trigonometry uses {@link StrictMath}, whose results are the same on every JVM, so the
 * coordinates are byte-identical everywhere.
 */
final class CircleLayout {
    static final int MAX_TUNNEL_LINES = 64;

    private static final double EM = 0.61;
    private static final double NAME_FONT = 13;
    private static final double TEXT_FONT = 12;
    private static final double NODE_FONT = 11;
    private static final double TITLE_FONT = 15;
    private static final double PAD = 8;
    private static final double LINE = 15;
    private static final double MIN_BOX_WIDTH = 140;
    private static final double NODE_HEIGHT = 18;
    private static final double NODE_GAP = 5;
    private static final double BOX_GAP = 14;
    private static final double MARGIN = 20;
    private static final double HEADER = 52;

    private CircleLayout() {
    }

    static TopologyView place(SiteGraph graph) {
        List<SiteGraph.Site> sites = graph.sites();
        int n = sites.size();
        List<List<String>> details = new ArrayList<>();
        double textWidth = 0;
        int maxLines = 0;
        int maxGateways = 0;
        int longestGateway = 0;
        for (SiteGraph.Site s : sites) {
            List<String> d = details(s);
            details.add(d);
            textWidth = Math.max(textWidth, width(s.name(), NAME_FONT));
            for (String line : d) {
                textWidth = Math.max(textWidth, width(line, TEXT_FONT));
            }
            maxLines = Math.max(maxLines, d.size());
            maxGateways = Math.max(maxGateways, s.gateways().size());
            for (String g : s.gateways()) {
                longestGateway = Math.max(longestGateway, g.length());
            }
        }
        double nodeWidth = Math.ceil(longestGateway * NODE_FONT * EM) + 12;
        double boxWidth = Math.max(MIN_BOX_WIDTH,
                Math.max(Math.ceil(textWidth) + 2 * PAD, maxGateways * (nodeWidth + NODE_GAP) + NODE_GAP));
        double boxHeight = Math.max(2 * PAD + LINE * (1 + maxLines), maxGateways * (NODE_HEIGHT + NODE_GAP) + NODE_GAP);

        // A box and the nodes on any of its sides fit in this circle; neighbours' circles do not overlap.
        double footprint = StrictMath.hypot(boxWidth / 2 + nodeWidth, boxHeight / 2 + NODE_HEIGHT);
        // A few sites get a wider ring than that minimum, so their tunnels have room to be seen.
        double radius = n < 2 ? 0
                : Math.max(2 * footprint, (2 * footprint + BOX_GAP) / (2 * StrictMath.sin(StrictMath.PI / n)));

        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // From the top, clockwise; two sites side by side rather than one above the other.
            double angle = (n == 2 ? StrictMath.PI : -StrictMath.PI / 2) + 2 * StrictMath.PI * i / n;
            double cx = n < 2 ? 0 : radius * StrictMath.cos(angle);
            double cy = n < 2 ? 0 : radius * StrictMath.sin(angle);
            placed.add(Placed.at(sites.get(i), cx, cy, angle, n < 2, boxWidth, boxHeight, nodeWidth));
        }

        String title = "network " + graph.network();
        int tunnels = graph.tunnels().size();
        boolean tunnelLines = tunnels <= MAX_TUNNEL_LINES;
        String legend = String.format(Locale.ROOT, "%d %s, %d %s, %d %s, %d %s; %s", n, plural(n, "site"),
                graph.gatewayCount(), plural(graph.gatewayCount(), "gateway"), graph.routerCount(),
                plural(graph.routerCount(), "router"), tunnels, plural(tunnels, "tunnel"),
                tunnelLines ? "a line is one tunnel between two gateways"
                        : "a line joins two sites and stands for all their tunnels (hover it for the count)")
                + (sites.stream().anyMatch(SiteGraph.Site::hub) ? "; hubs, in thick boxes, carry the spokes' traffic" : "");

        // Shift everything so the drawing starts at the margin, below the header; centre it under a wider header.
        double minX = 0;
        double maxX = 0;
        double minY = 0;
        double maxY = 0;
        for (Placed p : placed) {
            minX = Math.min(minX, p.minX());
            maxX = Math.max(maxX, p.maxX());
            minY = Math.min(minY, p.minY());
            maxY = Math.max(maxY, p.maxY());
        }
        double headerWidth = Math.max(width(title, TITLE_FONT), width(legend, TEXT_FONT));
        double canvasWidth = Math.ceil(Math.max(maxX - minX, headerWidth) + 2 * MARGIN);
        double canvasHeight = Math.ceil(maxY - minY + 2 * MARGIN + HEADER);
        double dx = MARGIN - minX + (canvasWidth - 2 * MARGIN - (maxX - minX)) / 2;
        double dy = MARGIN + HEADER - minY;

        Map<String, double[]> nodes = new HashMap<>();
        Map<String, double[]> anchors = new HashMap<>();
        List<TopologyView.Site> siteViews = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Placed p = placed.get(i);
            siteViews.add(p.view(details.get(i), dx, dy));
            for (int g = 0; g < p.site().gateways().size(); g++) {
                nodes.put(p.site().gateways().get(g), new double[] {p.nodeX()[g] + dx, p.nodeY()[g] + dy});
            }
            anchors.put(p.site().name(), new double[] {p.anchorX() + dx, p.anchorY() + dy});
        }

        List<TopologyView.Line> lines = new ArrayList<>();
        if (tunnelLines) {
            for (SiteGraph.Tunnel t : graph.tunnels()) {
                double[] a = nodes.get(t.a());
                double[] b = nodes.get(t.b());
                lines.add(new TopologyView.Line("tunnel", t.a(), t.b(), 1, format(a[0]), format(a[1]), format(b[0]),
                        format(b[1]), String.format(Locale.ROOT, "%s (%s, port %d) - %s (%s, port %d)",
                                t.a(), t.aIfname(), t.aPort(), t.b(), t.bIfname(), t.bPort())));
            }
        } else {
            for (SiteGraph.SiteLink l : graph.links()) {
                double[] a = anchors.get(l.a());
                double[] b = anchors.get(l.b());
                lines.add(new TopologyView.Line("link", l.a(), l.b(), l.tunnels(), format(a[0]), format(a[1]),
                        format(b[0]), format(b[1]), String.format(Locale.ROOT, "%s - %s: %d %s", l.a(), l.b(),
                                l.tunnels(), plural(l.tunnels(), "tunnel"))));
            }
        }
        return new TopologyView(graph.network(), format(canvasWidth), format(canvasHeight),
                new TopologyView.Text(format(MARGIN), format(MARGIN + TITLE_FONT), title),
                new TopologyView.Text(format(MARGIN), format(MARGIN + TITLE_FONT + LINE + 4), legend),
                tunnelLines, List.copyOf(lines), List.copyOf(siteViews));
    }

    /** The lines under a site's name: whether it is a hub, AS, each prefix, its routers. */
    private static List<String> details(SiteGraph.Site s) {
        List<String> lines = new ArrayList<>();
        if (s.hub()) {
            lines.add("hub site");
        }
        lines.add("AS " + s.asn());
        lines.addAll(s.prefixes());
        List<String> r = s.routers();
        if (r.size() == 1) {
            lines.add("router " + r.get(0));
        } else if (r.size() == 2) {
            lines.add("routers " + r.get(0) + ", " + r.get(1));
        } else if (r.size() > 2) {
            // The page's table names them all; the box stays narrow.
            lines.add("routers " + r.get(0) + ", " + r.get(1) + " +" + (r.size() - 2));
        }
        return lines;
    }

    private static double width(String text, double font) {
        return text.length() * font * EM;
    }

    private static String plural(int count, String word) {
        return count == 1 ? word : word + "s";
    }

    /**
     * A site box centred on (cx, cy) and its gateway nodes, before the final shift. The nodes sit
     * outside the box on the side a ray from the box's centre towards the ring's centre leaves
     * through; {@code anchor} is the middle of that row of nodes, where site links end.
     */
    private record Placed(SiteGraph.Site site, double cx, double cy, double boxWidth, double boxHeight,
                          double nodeWidth, double[] nodeX, double[] nodeY, double anchorX, double anchorY) {

        static Placed at(SiteGraph.Site site, double cx, double cy, double angle, boolean alone, double w, double h,
                         double nodeWidth) {
            int k = site.gateways().size();
            double[] xs = new double[k];
            double[] ys = new double[k];
            double towardsX = alone ? 0 : -StrictMath.cos(angle);
            double towardsY = alone ? 1 : -StrictMath.sin(angle);
            double ax;
            double ay;
            if (Math.abs(towardsX) * h > Math.abs(towardsY) * w) {
                double side = Math.signum(towardsX);
                ax = cx + side * (w / 2 + nodeWidth / 2);
                ay = cy;
                for (int g = 0; g < k; g++) {
                    xs[g] = ax;
                    ys[g] = cy + (g - (k - 1) / 2.0) * (NODE_HEIGHT + NODE_GAP);
                }
            } else {
                double side = towardsY < 0 ? -1 : 1;
                ax = cx;
                ay = cy + side * (h / 2 + NODE_HEIGHT / 2);
                for (int g = 0; g < k; g++) {
                    xs[g] = cx + (g - (k - 1) / 2.0) * (nodeWidth + NODE_GAP);
                    ys[g] = ay;
                }
            }
            return new Placed(site, cx, cy, w, h, nodeWidth, xs, ys, ax, ay);
        }

        double minX() {
            return Math.min(cx - boxWidth / 2, min(nodeX) - nodeWidth / 2);
        }

        double maxX() {
            return Math.max(cx + boxWidth / 2, max(nodeX) + nodeWidth / 2);
        }

        double minY() {
            return Math.min(cy - boxHeight / 2, min(nodeY) - NODE_HEIGHT / 2);
        }

        double maxY() {
            return Math.max(cy + boxHeight / 2, max(nodeY) + NODE_HEIGHT / 2);
        }

        TopologyView.Site view(List<String> details, double dx, double dy) {
            double left = cx - boxWidth / 2 + dx;
            double top = cy - boxHeight / 2 + dy;
            TopologyView.Text label = new TopologyView.Text(format(left + PAD), format(top + PAD + NAME_FONT), site.name());
            List<TopologyView.Text> texts = new ArrayList<>();
            for (int i = 0; i < details.size(); i++) {
                texts.add(new TopologyView.Text(format(left + PAD), format(top + PAD + NAME_FONT + LINE * (i + 1)),
                        details.get(i)));
            }
            List<TopologyView.Gateway> gateways = new ArrayList<>();
            List<TopologyView.Host> gatewayHosts = new ArrayList<>();
            for (int g = 0; g < site.gateways().size(); g++) {
                String name = site.gateways().get(g);
                double x = nodeX[g] + dx;
                double y = nodeY[g] + dy;
                gateways.add(new TopologyView.Gateway(name, readme(name), format(x - nodeWidth / 2),
                        format(y - NODE_HEIGHT / 2), format(nodeWidth), format(NODE_HEIGHT), format(x),
                        format(y + NODE_FONT * 0.35)));
                gatewayHosts.add(new TopologyView.Host(name, readme(name)));
            }
            List<TopologyView.Host> routerHosts = site.routers().stream().map(r -> new TopologyView.Host(r, readme(r))).toList();
            return new TopologyView.Site(site.name(), site.asn(), site.prefixes(), format(left), format(top),
                    format(boxWidth), format(boxHeight), label, List.copyOf(texts), List.copyOf(gateways),
                    List.copyOf(gatewayHosts), routerHosts, site.hub());
        }

        private static String readme(String host) {
            return host + "/README.md";
        }

        private static double min(double[] v) {
            double m = Double.POSITIVE_INFINITY;
            for (double x : v) {
                m = Math.min(m, x);
            }
            return m;
        }

        private static double max(double[] v) {
            double m = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                m = Math.max(m, x);
            }
            return m;
        }
    }
}
