<#-- @ftlvariable name="fw" type="dev.vpnc.emit.FirewallView" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "nftables rules of gateway ${fw.host}, public namespace (network ${fw.network})"/>
#
# vpnc's own table, replaced as a whole (the first two lines make `nft -f` create it if absent,
# then delete it, in the same transaction as the new one): no other table is read or changed.
<#if fw.filter>
# Its chain accepts by default and drops only UDP to this host's WireGuard listen ports from
# anything but the peer each port is for, so that the operator's own rules keep deciding the rest.
# The counters (`nft list table inet vpnc`) show each peer's packets and what was refused.
table inet vpnc
delete table inet vpnc
table inet vpnc {
  chain input {
    type filter hook input priority filter; policy accept;
<#list fw.listen as l>
    udp dport ${l.port?c} ${l.family} saddr ${l.address} counter accept comment "${l.ifname}: ${l.peer}"
</#list>
<#list fw.openToAll as l>
    # Open to all: ${l.why}.
    udp dport ${l.port?c} counter accept comment "${l.ifname}: ${l.peer}"
</#list>
<#if fw.ports?has_content>
    udp dport { <#list fw.ports as p>${p?c}<#sep>, </#list> } counter drop comment "vpnc listen ports, other sources"
</#if>
  }
}
<#else>
# `firewall off`: no filtering here; a table left by an earlier bundle is removed.
table inet vpnc
delete table inet vpnc
</#if>
