<#-- Shared README parts. -->
<#macro install kind runDir>
## Install

1. Copy this directory to `/etc/vpnc` on the ${kind} (the scripts find their files relative to
   their own location, so another directory works too when running them by hand).
<#nested>
3. Either run `/etc/vpnc/up.sh` (and `/etc/vpnc/down.sh` to undo it), or install the units:
   `cp /etc/vpnc/systemd/*.service /etc/systemd/system/ && systemctl daemon-reload &&
   systemctl enable --now vpnc.service` (it pulls in `vpnc-bird.service`, which runs BIRD).

BIRD control: `birdc -s ${runDir}/bird.ctl show protocols`.
</#macro>
<#-- Inside-site sessions as a table. -->
<#macro neighbors list>
| Session | Neighbor | Role | LAN address v6 | LAN address v4 |
|---|---|---|---|---|
<#list list as n>
| `${n.sessionName}` | ${n.host} | <#if n.gateway>gateway<#else>router</#if> | `${n.lan.ipv6}` | <#if n.lan.hasIpv4()>`${n.lan.ipv4}`<#else>-</#if> |
</#list>
</#macro>
