<#-- @ftlvariable name="bird" type="dev.vpnc.emit.FrrView" -->
<#-- The integrated FRR config (frr.conf). The emitter hands every routing config its view as
     "bird"; here it is an FrrView. No "frr version", "hostname" or default values: FRR's running
     config never shows them, and frr-reload.py would list them as changes on every reload. -->
<#import "header.ftl" as h>
<#assign frr = bird>
<@h.header "#" frr.title/>
#
<#list frr.notes as n>
# ${n}
</#list>
#
frr defaults traditional
log syslog informational
# Route-map changes apply after 1 s (FRR waits 5 s by default).
bgp route-map delay-timer 1

<#list frr.prefixLists as p>
# ${p.comment}
<#list p.entries as e>
${p.family} prefix-list ${p.name} seq ${e.seq} ${e.action} ${e.prefix}<#if e.le??> le ${e.le}</#if>
</#list>
</#list>

<#list frr.routeMaps as m>
# ${m.comment}
<#list m.entries as e>
route-map ${m.name} ${e.action} ${e.seq}
<#if e.prefixList??>
 match ${e.family} address prefix-list ${e.prefixList}
</#if>
<#if e.localPref??>
 set local-preference ${e.localPref}
</#if>
<#if e.nextHop4??>
 set ip next-hop ${e.nextHop4}
</#if>
<#if e.preferGlobal>
 set ipv6 next-hop prefer-global
</#if>
exit
</#list>
</#list>
<#list frr.protocolFilters as f>
<#if f?is_first>

# What OSPF may install in the kernel (BIRD's OSPF import filter).
</#if>
${f.family} protocol ${f.protocol} route-map ${f.routeMap}
</#list>
<#if frr.bfd??>

# BFD on every session detects a dead peer: WireGuard has no liveness signal.
bfd
 profile ${frr.bfd.profile}
<#if frr.bfd.receiveInterval??>
  receive-interval ${frr.bfd.receiveInterval}
</#if>
<#if frr.bfd.transmitInterval??>
  transmit-interval ${frr.bfd.transmitInterval}
</#if>
<#if frr.bfd.detectMultiplier??>
  detect-multiplier ${frr.bfd.detectMultiplier}
</#if>
 exit
exit
</#if>
<#list frr.interfaces as i>

interface ${i.name}
<#list i.commands as c>
 ${c}
</#list>
exit
</#list>
<#if frr.bgp??>
<#assign b = frr.bgp>

router bgp ${b.asn}
 bgp router-id ${b.routerId}
 no bgp default ipv4-unicast
 bgp bestpath as-path multipath-relax
 timers bgp ${b.keepalive} ${b.hold}
<#list b.neighbors as n>
 neighbor ${n.address} remote-as ${n.remoteAs}
 neighbor ${n.address} description ${n.description}
 neighbor ${n.address} update-source ${n.updateSource}
 neighbor ${n.address} timers connect ${b.connectRetry}
<#if n.bfdProfile??>
 neighbor ${n.address} bfd
 neighbor ${n.address} bfd profile ${n.bfdProfile}
</#if>
</#list>
<#list b.families as af>
 !
 address-family ${af.family} unicast
<#list af.redistribute as r>
  redistribute ${r.protocol} route-map ${r.routeMap}
</#list>
<#list af.neighbors as n>
  neighbor ${n.address} activate
<#if n.rrClient>
  neighbor ${n.address} route-reflector-client
</#if>
<#if n.nextHopSelf>
  neighbor ${n.address} next-hop-self force
</#if>
  neighbor ${n.address} route-map ${n.routeMapIn} in
  neighbor ${n.address} route-map ${n.routeMapOut} out
</#list>
  maximum-paths ${af.maximumPaths}
  maximum-paths ibgp ${af.maximumPaths}
<#if af.distance??>
  distance bgp ${af.distance}
</#if>
 exit-address-family
</#list>
exit
</#if>
<#list frr.ospf as o>

router ${o.daemon}
 ${o.daemon} router-id ${o.routerId}
<#list o.redistribute as r>
 redistribute ${r.protocol} route-map ${r.routeMap}
</#list>
exit
</#list>
