<#-- @ftlvariable name="fw" type="dev.vpnc.emit.FirewallView" -->
<#import "../common/header.ftl" as h>
<@h.header "#" "nftables rules of gateway ${fw.host}, private namespace (network ${fw.network})"/>
#
# vpnc's own table, replaced as a whole in one transaction. The namespace holds only the tunnels
# (wg-*) and the LAN (<#list fw.lan as i>${i}<#sep>, </#list>). The rules are stateless: with ECMP a gateway often sees only one
# direction of a flow, which connection tracking would take for invalid.
table inet vpnc
delete table inet vpnc
table inet vpnc {
  # TCP MSS of connections through the tunnels clamped to the tunnel's MTU: a host on the LAN
  # would offer its own (1460 over Ethernet) and its peer's segments would not fit.
  chain mss {
    type filter hook forward priority mangle; policy accept;
    oifname "wg-*" tcp flags syn tcp option maxseg size set rt mtu
  }
<#if fw.filter>

  # To the gateway itself: BGP and BFD on the tunnels and the LAN<#if fw.ospf>, OSPF on the LAN</#if>, ICMP
  # (neighbour discovery, path MTU, ping), nothing else.
  chain input {
    type filter hook input priority filter; policy drop;
    iif "lo" accept
    meta l4proto { icmp, ipv6-icmp } accept
<#list ["wg-*"] + fw.lan as i>
    iifname "${i}" tcp dport 179 accept
    iifname "${i}" tcp sport 179 accept comment "replies to the sessions this end opened"
    iifname "${i}" udp dport { 3784, 3785, 4784 } accept comment "BFD"
</#list>
<#if fw.ospf>
<#list fw.lan as i>
    iifname "${i}" meta l4proto ospf accept
</#list>
</#if>
  }

  # Through the gateway: between the site LAN and the tunnels<#if fw.transit>, and from tunnel to
  # tunnel (this gateway's site is a hub)</#if>, nothing else.
  chain forward {
    type filter hook forward priority filter; policy drop;
<#list fw.lan as i>
    iifname "${i}" oifname "wg-*" accept
    iifname "wg-*" oifname "${i}" accept
<#list fw.lan as o>
    iifname "${i}" oifname "${o}" accept<#if i == o> comment "to the site's other gateway or router"</#if>
</#list>
</#list>
<#if fw.transit>
    iifname "wg-*" oifname "wg-*" accept comment "hub: spoke to spoke"
</#if>
  }
</#if>
}
