package dev.vpnc.resolve;

/** How the gateways of a site exchange routes with the site's internal routers. */
public enum InsideMode {
    /** iBGP, gateways as route reflectors for the internal routers, next hop self, BFD. */
    BGP,
    /** OSPFv3 (and OSPFv2 when IPv4 is carried), BGP-learned routes redistributed as externals. */
    OSPF
}
