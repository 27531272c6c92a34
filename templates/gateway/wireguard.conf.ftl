<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Gateway" -->
<#-- @ftlvariable name="tunnel" type="dev.vpnc.emit.HostViews.Tunnel" -->
<#import "../common/header.ftl" as h>
<#assign t = tunnel.end>
<@h.header "#" "WireGuard tunnel ${t.ifname} of ${host.plan.name} (site ${host.plan.site}) to ${t.peerHost} (site ${t.peerSite})"/>
# Format of "wg setconf" (not wg-quick). No PrivateKey<#if t.presharedKey> or PresharedKey</#if>: up.sh sets <#if t.presharedKey>them<#else>it</#if> from the secrets folder.
# AllowedIPs accepts everything: BGP decides what goes through this tunnel.
<#if t.keyRotations.any>
# Key rotations (vpnc.lock): ${host.plan.name} ${t.keyRotations.key}, ${t.peerHost} ${t.keyRotations.peerKey}<#if t.presharedKey>, preshared key ${t.keyRotations.psk}</#if>
</#if>
[Interface]
ListenPort = ${t.listenPort}

[Peer]
PublicKey = ${t.peerPublicKey}
<#if t.peerEndpointIsDnsName>
# Endpoint ${t.peerEndpoint} is a DNS name: up.sh resolves it at run time (wg would resolve it
# while parsing this file, and fail the whole file when DNS is not reachable yet).
<#else>
Endpoint = ${t.peerEndpoint}
</#if>
AllowedIPs = 0.0.0.0/0, ::/0
# Written out even when off: "wg syncconf" (reload.sh) keeps a keepalive that the file omits.
PersistentKeepalive = <#if t.keepaliveSeconds gt 0>${t.keepaliveSeconds}<#else>off</#if>
