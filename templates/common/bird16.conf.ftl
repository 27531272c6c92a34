<#-- @ftlvariable name="bird" type="dev.vpnc.emit.BirdView" -->
<#-- BIRD 1.6 syntax: no channels; the view holds one family, every session one channel. -->
<#import "bird-parts.ftl" as bp>
<@bp.opening bird/>
<#list bird.kernels as k>
# Installs routes learned from the network in the kernel (${k.family}); "merge paths" turns equal
# routes through several next hops (both gateways of a remote site) into one ECMP route.
protocol kernel ${k.name} {
  import none;
  export ${k.exportRule};
  merge paths on;
}

</#list>
<#if bird.direct??>
# Networks of the interfaces that carry this router's prefixes (announced through filters below).
protocol direct ${bird.direct.name} {
  interface <#list bird.direct.interfaces as i>"${i}"<#sep>, </#list>;
}

</#if>
<@bp.bfd bird/>
<#list bird.sessions as s>
<#assign c = s.channels[0]>
protocol bgp ${s.name} {
<@bp.session bird s/>
  preference ${bird.timers.bgpPreference};
  import ${c.importRule};
  export ${c.exportRule};
<#if c.nextHopSelf>
  next hop self;
</#if>
}

</#list>
<#list bird.ospf as o>
# OSPF${o.version} on the site LAN (bird6 speaks OSPFv3, bird OSPFv2); "merge external" lets the
# externals of both gateways form one ECMP route (without it only one gateway is used).
protocol ospf ${o.name} {
  ecmp yes;
  merge external yes;
  import ${o.importRule};
  export ${o.exportRule};
<@bp.area bird o/>
}

</#list>
