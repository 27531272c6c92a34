<#-- Shared README parts. -->
<#macro install kind runDir daemons frr="">
## Install

1. Copy this directory to `/etc/vpnc` on the ${kind} (the scripts find their files relative to
   their own location, so another directory works too when running them by hand).
<#nested>
3. Either run `/etc/vpnc/up.sh` (and `/etc/vpnc/down.sh` to undo it), or install the units where
   systemd reads them and enable them, so that the ${kind} comes back up after a reboot:
   `install -m 0644 -t /etc/systemd/system /etc/vpnc/systemd/* && systemctl daemon-reload &&
   systemctl enable --now vpnc.service <#if frr?has_content>vpnc-frr.service<#else><#list daemons as d>${d.unit}<#sep> </#list></#if> vpnc-status.timer`
   (the timer runs `status.sh --prometheus` every 30 s, for node_exporter).
   A new bundle copied over this one: `systemctl reload vpnc.service` (reload.sh); when its units
   changed, the `install` and `daemon-reload` again first (their new settings apply at the next
   restart).
<#if frr?has_content>

FRR control: `vtysh -N ${frr} -c 'show bgp summary'` (this host's own FRR instance; `frr.sh` starts,
reloads and stops it).
<#elseif daemons?size == 1>

BIRD control: `birdc -s ${runDir}/bird.ctl show protocols`.
<#else>
   The BIRD units run BIRD 1.6's <#list daemons as d>`${d.binary}`<#sep> and </#list>.

BIRD control: <#list daemons as d>`${d.birdc} -s ${runDir}/${d.ctl} show protocols` (${d.family})<#sep>, </#list>.
</#if>
</#macro>
<#-- The BIRD target row of a BIRD 1.6 host's table (BIRD 2 is the default and has no row). -->
<#macro target daemons>
| BIRD | 1.6: <#list daemons as d>`${d.binary}` with `${d.conf}` (${d.family})<#sep>, </#list> |
</#macro>
<#-- The routing row of an FRR host's table. -->
<#macro frrTarget frr>
| Routing | FRR: `frr.conf` (${frr.daemons?join(", ")}), instance `${frr.pathspace}` |
</#macro>
<#-- Inside-site sessions as a table. -->
<#macro neighbors list>
| Session | Neighbor | Role | LAN address v6 | LAN address v4 |
|---|---|---|---|---|
<#list list as n>
| `${n.sessionName}` | ${n.host} | <#if n.gateway>gateway<#else>router</#if> | `${n.lan.ipv6}` | <#if n.lan.hasIpv4>`${n.lan.ipv4}`<#else>-</#if> |
</#list>
</#macro>
