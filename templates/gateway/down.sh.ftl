<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Gateway" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#assign gw = host.plan>
#!/usr/bin/env bash
<@h.header "#" "down.sh of gateway ${gw.name} (site ${gw.site}, network ${host.network})"/>
#
# Removes everything up.sh created; succeeds when run twice or after a partial up.sh.
set -euo pipefail

IP=${r"${IP:-ip}"}
ns="${gw.namespace}"
run="${host.runDir}"

in_ns() { "$IP" -n "$ns" link show dev "$1" >/dev/null 2>&1; }
in_public() { "$IP" link show dev "$1" >/dev/null 2>&1; }
ns_exists() { "$IP" -n "$ns" link show lo >/dev/null 2>&1; }

<@sh.stopBird/>

# Tunnels: in the private namespace, or still in the public one after a partial up.sh.
# Deleting an interface made by wireguard-go also ends that process.
<#list host.tunnels as tun>
if ns_exists && in_ns "${tun.end.ifname}"; then
  "$IP" -n "$ns" link del dev "${tun.end.ifname}"
elif in_public "${tun.end.ifname}"; then
  "$IP" link del dev "${tun.end.ifname}"
fi
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
    "$IP" -n "$ns" link set dev "${lan}" netns 1
  fi
</#list>
  "$IP" netns del "$ns"
fi
rm -rf -- "$run"
