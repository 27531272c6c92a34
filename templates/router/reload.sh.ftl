<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Router" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#assign r = host.plan>
#!/usr/bin/env bash
<@h.header "#" "reload.sh of internal router ${r.name} (site ${r.site}, network ${host.network})"/>
#
<#if host.frr??>
# Applies this bundle to a running router with the least disruption: FRR takes what changed in
# its configuration without a restart (frr-reload.py), and the previous one is applied again
# unless all its BGP sessions are established.
<#else>
# Applies this bundle to a running router with the least disruption: BIRD takes the new
# configuration without a restart and keeps it only when all its BGP sessions are established.
</#if>
# A router whose <#if host.frr??>FRR<#else>BIRD</#if> is not running gets up.sh.
# Exit status: 0 applied; 1 BGP sessions not established (<#if host.frr??>FRR's previous configuration applied again<#else>BIRD's configuration undone</#if>).
# Environment: VPNC_RELOAD_WAIT seconds for the sessions (default 30).
set -euo pipefail

<@sh.here/>
IP=${r"${IP:-ip}"}
<#if host.frr??>
run="${host.runDir}"

if ! "$here/frr.sh" running; then
  echo "reload.sh: FRR of ${r.name} is not running: running up.sh" >&2
  exec "$here/up.sh"
fi
# Nothing changes when the new FRR configuration does not even parse.
"$here/frr.sh" check
<#else>
BIRD=${r"${BIRD:-bird}"}
BIRDC=${r"${BIRDC:-birdc}"}
run="${host.runDir}"
<@sh.birdRunning/>

if ! bird_running; then
  echo "reload.sh: BIRD of ${r.name} is not running: running up.sh" >&2
  exec "$here/up.sh"
fi
# Nothing changes when the new BIRD configuration does not even parse.
"$BIRD" -p -c "$here/bird.conf"
</#if>

# Site LAN addresses (added; the LAN interface is the host's own, its other addresses are kept).
<#list host.lanAddresses as a>
"$IP" addr replace "${a.cidr}" dev "${r.lanInterface}"
</#list>

<#if host.frr??>
<@sh.reloadFrr/>
<#else>
<@sh.reloadBird/>
</#if>
