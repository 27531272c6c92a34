<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Router" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#assign r = host.plan>
#!/usr/bin/env bash
<@h.header "#" "up.sh of internal router ${r.name} (site ${r.site}, network ${host.network})"/>
#
# Brings the router up in its default namespace; idempotent (a second run changes nothing).
# Environment: VPNC_START_BIRD=no when systemd runs <#if host.frr??>FRR (vpnc-frr.service)<#else>BIRD (<#list host.daemons as d>${d.unit}<#sep>, </#list>)</#if>;
# VPNC_REALTIME=no: BIRD at normal priority (default: real-time).
set -euo pipefail

<@sh.here/>
IP=${r"${IP:-ip}"}
<@sh.birdVariables host.daemons/>
run="${host.runDir}"

<@sh.realtime bird=!host.frr??/>

<@sh.nap/>

sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

# Site LAN, towards the gateways: one ip process (-batch stops at the first failing line).
"$IP" -batch - <<EOF
<#list host.lanAddresses as a>
addr replace ${a.cidr} dev ${r.lanInterface}
</#list>
link set dev ${r.lanInterface} up
EOF

<#if host.bird16>
# BIRD 1.6: <#list host.daemons as d>${d.role}<#sep> and </#list>.
</#if>
mkdir -p "$run"
if [[ ${r"${VPNC_START_BIRD:-yes}"} != no ]]; then
<#if host.frr??>
  # FRR (frr.sh), unless systemd runs it (vpnc-frr.service).
  "$here/frr.sh" start
<#else>
<#list host.daemons as d>
<@sh.startBird d ""/>
</#list>
</#if>
fi
