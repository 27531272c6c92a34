<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Router" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#assign r = host.plan>
#!/usr/bin/env bash
<@h.header "#" "down.sh of internal router ${r.name} (site ${r.site}, network ${host.network})"/>
#
# Removes what up.sh created (BIRD, LAN addresses); succeeds when run twice.
# Forwarding sysctls are left as they are: other services of the host may rely on them.
set -euo pipefail
<#if host.frr??>

<@sh.here/>
</#if>

IP=${r"${IP:-ip}"}
run="${host.runDir}"

<#if host.frr??>
# FRR (frr.sh started it, or vpnc-frr.service, which stops it first): zebra last, which removes
# its routes.
if [[ -x $here/frr.sh ]]; then
  "$here/frr.sh" stop
fi
<#else>
<@sh.stopBird host.daemons/>
</#if>

<#list host.lanAddresses as a>
if [[ -n $("$IP" addr show dev "${r.lanInterface}" to "${a.exact}" 2>/dev/null) ]]; then
  "$IP" addr del "${a.cidr}" dev "${r.lanInterface}"
fi
</#list>
rm -rf -- "$run"
