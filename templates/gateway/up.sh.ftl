<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Gateway" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#import "tunnels.ftl" as tn>
<#assign gw = host.plan>
#!/usr/bin/env bash
<@h.header "#" "up.sh of gateway ${gw.name} (site ${gw.site}, network ${host.network})"/>
#
# Brings the gateway up; idempotent (a second run changes nothing and fails on nothing).
# Secrets: ${r"${VPNC_SECRETS:-/etc/vpnc/secrets}"}/private.key and psk/<peer>.psk.
# Environment: VPNC_START_BIRD=no when systemd runs <#if host.frr??>FRR (vpnc-frr.service)<#else>BIRD (<#list host.daemons as d>${d.unit}<#sep>, </#list>)</#if>;
# VPNC_WG_USERSPACE: userspace WireGuard used when the kernel has no module (default wireguard-go;
# started as NAME -f IFNAME, in the foreground, as wireguard-go and boringtun take it; on one
# processor per tunnel unless GOMAXPROCS is set);
# VPNC_REALTIME=no: BIRD and userspace WireGuard at normal priority (default: BIRD real-time,
# userspace WireGuard at nice -10).
set -euo pipefail

<@sh.here/>
secrets=${r"${VPNC_SECRETS:-/etc/vpnc/secrets}"}
IP=${r"${IP:-ip}"}
WG=${r"${WG:-wg}"}
NFT=${r"${NFT:-nft}"}
<@sh.birdVariables host.daemons/>
WG_USERSPACE=${r"${VPNC_WG_USERSPACE:-wireguard-go}"}
ns="${gw.namespace}"
run="${host.runDir}"

<@sh.realtime bird=!host.frr?? userspace=true/>

<@sh.nap/>

if [[ ! -r $secrets/private.key ]]; then
  echo "up.sh: missing $secrets/private.key" >&2
  exit 1
fi

# Private namespace: clear traffic (LAN, tunnels, BIRD). Its sysctls are set before interfaces
# move in, so they inherit the defaults (no DAD on the point-to-point and LAN addresses).
if ! "$IP" -n "$ns" link show lo >/dev/null 2>&1; then
  # A namespace file without a namespace is what an interrupted "ip netns add" leaves.
  "$IP" netns del "$ns" 2>/dev/null || true
  "$IP" netns add "$ns"
fi
"$IP" netns exec "$ns" sysctl -q -w \
  net.ipv4.ip_forward=1 \
  net.ipv6.conf.all.forwarding=1 \
  net.ipv6.conf.all.accept_dad=0 \
  net.ipv6.conf.default.accept_dad=0 \
  net.ipv6.conf.all.keep_addr_on_down=1 \
  net.ipv6.conf.default.keep_addr_on_down=1

<@sh.firewall/>

<@tn.interfaces host/>
<#if gw.probe??>
# The health probe starts as answered: a fresh start announces the site's routes (a state file
# left from before would keep them withdrawn). probe.sh withdraws them again after ${gw.probe.downAfter} unanswered
# pings in a row.
rm -f -- "${host.probeFile}" "$run/probe-streak"

</#if>
<#if host.frr??>
# FRR in the private namespace (frr.sh), unless systemd runs it (vpnc-frr.service). The tunnels
# have their link-local addresses by now: bgpd opens no IPv6 session over an interface without one.
if [[ ${r"${VPNC_START_BIRD:-yes}"} != no ]]; then
  "$here/frr.sh" start
fi
<#else>
<#if host.bird16>
# BIRD 1.6 in the private namespace, <#list host.daemons as d>${d.role}<#sep> and </#list>, unless systemd runs
# them (<#list host.daemons as d>${d.unit}<#sep>, </#list>).
<#else>
# BIRD in the private namespace, unless systemd runs it (vpnc-bird.service).
</#if>
if [[ ${r"${VPNC_START_BIRD:-yes}"} != no ]]; then
<#list host.daemons as d>
<@sh.startBird d r'"$IP" netns exec "$ns" '/>
</#list>
fi
</#if>
