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

IP=${r"${IP:-ip}"}
run="${host.runDir}"

<@sh.stopBird host.daemons/>

<#list host.lanAddresses as a>
if [[ -n $("$IP" addr show dev "${r.lanInterface}" to "${a.exact}" 2>/dev/null) ]]; then
  "$IP" addr del "${a.cidr}" dev "${r.lanInterface}"
fi
</#list>
rm -rf -- "$run"
