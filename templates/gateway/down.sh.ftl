<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Gateway" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#assign gw = host.plan>
#!/usr/bin/env bash
<@h.header "#" "down.sh of gateway ${gw.name} (site ${gw.site}, network ${host.network})"/>
#
# Removes everything up.sh created; succeeds when run twice or after a partial up.sh.
set -euo pipefail
<#if host.frr??>

<@sh.here/>
</#if>

IP=${r"${IP:-ip}"}
NFT=${r"${NFT:-nft}"}
ns="${gw.namespace}"
run="${host.runDir}"

in_ns() { "$IP" -n "$ns" link show dev "$1" >/dev/null 2>&1; }
in_public() { "$IP" link show dev "$1" >/dev/null 2>&1; }
ns_exists() { "$IP" -n "$ns" link show lo >/dev/null 2>&1; }

<#if host.frr??>
# FRR (frr.sh started it, or vpnc-frr.service, which stops it first): zebra last, which removes
# its routes.
if [[ -x $here/frr.sh ]]; then
  "$here/frr.sh" stop
fi
<#else>
<@sh.stopBird host.daemons/>
</#if>

# Tunnels: in the private namespace, or still in the public one after a partial up.sh.
# Deleting an interface made by wireguard-go also ends that process. A wireguard-go killed
# with an interrupted up.sh removes its interface by itself, maybe while we look: a failed
# delete is an error only if the interface is still there.
<#list host.tunnels as tun>
if ns_exists && in_ns "${tun.end.ifname}"; then
  "$IP" -n "$ns" link del dev "${tun.end.ifname}" 2>/dev/null || ! in_ns "${tun.end.ifname}" || exit 1
elif in_public "${tun.end.ifname}"; then
  "$IP" link del dev "${tun.end.ifname}" 2>/dev/null || ! in_public "${tun.end.ifname}" || exit 1
fi
rm -f -- "/run/wireguard/${tun.end.ifname}.sock"
</#list>

# LAN interfaces go back to the public namespace, without the addresses up.sh gave them.
if ns_exists; then
<#list host.lanAddresses as a>
  if in_ns "${host.lanInterface}" && [[ -n $("$IP" -n "$ns" addr show dev "${host.lanInterface}" to "${a.exact}") ]]; then
    "$IP" -n "$ns" addr del "${a.cidr}" dev "${host.lanInterface}"
  fi
</#list>
<#list gw.lanInterfaces as lan>
  if in_ns "${lan}"; then
    # Back to the namespace this script runs in (the public one).
    "$IP" -n "$ns" link set dev "${lan}" netns "$$"
  fi
</#list>
fi
# vpnc's table in the public namespace (the private one goes with its namespace); no other table.
if "$NFT" list table inet vpnc >/dev/null 2>&1; then
  "$NFT" delete table inet vpnc
fi
# Also a namespace file left by an interrupted "ip netns add", which is not a namespace yet.
if [[ -e /run/netns/$ns ]]; then
  "$IP" netns del "$ns"
fi
rm -rf -- "$run"
