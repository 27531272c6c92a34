/**
 * Target-independent plan: every allocation (addresses, ports, interface names, router ids),
 * every tunnel and every routing session, per host. Emitters only render these records.
 */
package dev.vpnc.plan;
