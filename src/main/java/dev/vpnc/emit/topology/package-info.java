/**
 * The topology picture of a compiled network: {@code topology.svg} (sites with their AS and
 * prefixes, their gateways, the tunnels) and {@code index.html} (the picture and a link to every
 * host's README). {@link SiteGraph} reads the sites and tunnels out of the plan,
 * {@link CircleLayout} places them and fills a {@link TopologyView}; the templates under
 * {@code templates/topology/} only loop and print.
 */
package dev.vpnc.emit.topology;
