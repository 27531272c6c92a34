<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Router" -->
<#import "../common/header.ftl" as h>
<#assign r = host.plan>
#!/usr/bin/env bash
<@h.header "#" "up.sh of internal router ${r.name} (site ${r.site}, network ${host.network})"/>
#
# Brings the router up in its default namespace; idempotent (a second run changes nothing).
# Environment: VPNC_START_BIRD=no when systemd runs BIRD (vpnc-bird.service).
set -euo pipefail

here=$(cd "$(dirname "${r"${BASH_SOURCE[0]}"}")" && pwd)
IP=${r"${IP:-ip}"}
BIRD=${r"${BIRD:-bird}"}
BIRDC=${r"${BIRDC:-birdc}"}
run="${host.runDir}"

sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

# Site LAN, towards the gateways.
<#list host.lanAddresses as a>
"$IP" addr replace "${a.cidr}" dev "${r.lanInterface}"
</#list>
"$IP" link set dev "${r.lanInterface}" up

mkdir -p "$run"
if [[ ${r"${VPNC_START_BIRD:-yes}"} != no ]]; then
  if [[ -s $run/bird.pid ]] && kill -0 "$(cat "$run/bird.pid")" 2>/dev/null; then
    "$BIRDC" -s "$run/bird.ctl" configure >/dev/null
  else
    "$BIRD" -c "$here/bird.conf" -s "$run/bird.ctl" -P "$run/bird.pid"
    # BIRD writes its pid file just after it daemonizes: up.sh returns once it is there, so
    # that down.sh can always find BIRD by its pid.
    for _ in $(seq 40); do
      [[ -s $run/bird.pid ]] && break
      sleep 0.05
    done
  fi
fi
