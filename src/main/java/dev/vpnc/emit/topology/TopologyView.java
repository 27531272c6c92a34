package dev.vpnc.emit.topology;

import dev.vpnc.plan.NetworkPlan;
import java.util.List;

/**
 * What {@code topology.svg} and {@code index.html} print, every coordinate already formatted.
 *
 * @param network     network name
 * @param width       canvas width (px)
 * @param height      canvas height (px)
 * @param title       the picture's first line
 * @param legend      the picture's second line: counts and what a line stands for
 * @param tunnelLines true when each line is one tunnel, false when each line is one site pair
 * @param lines       tunnels or site links, drawn first so the boxes stay readable over them
 * @param sites       site boxes with their gateways
 */
public record TopologyView(String network, String width, String height, Text title, Text legend, boolean tunnelLines,
                           List<Line> lines, List<Site> sites) {

    public static TopologyView of(NetworkPlan plan) {
        return CircleLayout.place(SiteGraph.of(plan));
    }

    /** A line of text at its baseline start. */
    public record Text(String x, String y, String text) {
    }

    /**
     * A tunnel ({@code kind} "tunnel", {@code a}/{@code b} gateways) or a site link ("link",
     * {@code a}/{@code b} sites, {@code tunnels} how many tunnels it stands for).
     */
    public record Line(String kind, String a, String b, int tunnels, String x1, String y1, String x2, String y2,
                       String tooltip) {
    }

    /** A gateway: a small labelled node on its site's box, linking to its README. */
    public record Gateway(String name, String readme, String x, String y, String width, String height,
                          String textX, String textY) {
    }

    /** A host's name and README path, for the page's table. */
    public record Host(String name, String readme) {
    }

    /**
     * A site box (top-left corner, size), its name and lines of details (AS, prefixes, routers), its gateways on the
     * side facing the centre, and for the page: AS, prefixes and hosts. A hub of a hub-and-spoke network is drawn
     * apart.
     */
    public record Site(String name, long asn, List<String> prefixes, String x, String y, String width, String height,
                       Text label, List<Text> details, List<Gateway> gateways, List<Host> gatewayHosts,
                       List<Host> routerHosts, boolean hub) {
    }
}
