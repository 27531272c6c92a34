<#-- @ftlvariable name="bird" type="dev.vpnc.emit.BirdView" -->
<#import "bird-parts.ftl" as bp>
<@bp.opening bird/>
<#list bird.kernels as k>
# Installs routes learned from the network in the kernel (${k.family}); "merge paths" turns equal
# routes through several next hops (both gateways of a remote site) into one ECMP route.
protocol kernel ${k.name} {
  ${k.family} {
    import none;
    export ${k.exportRule};
  };
  merge paths on;
}

</#list>
<#if bird.direct??>
# Networks of the interfaces that carry this router's prefixes (announced through filters below).
protocol direct ${bird.direct.name} {
<#list bird.direct.families as f>
  ${f};
</#list>
  interface <#list bird.direct.interfaces as i>"${i}"<#sep>, </#list>;
}

</#if>
<@bp.bfd bird/>
<#list bird.sessions as s>
protocol bgp ${s.name} {
<@bp.session bird s/>
<#list s.channels as c>
  ${c.family} {
    preference ${bird.timers.bgpPreference};
    import ${c.importRule};
    export ${c.exportRule};
<#if c.nextHopSelf>
    next hop self;
</#if>
<#if c.nextHopAddress??>
    # IPv4 over the IPv6 session: announce our IPv4 address on the shared link as next hop.
    next hop address ${c.nextHopAddress};
</#if>
  };
</#list>
}

</#list>
<#list bird.ospf as o>
# OSPF${o.version} on the site LAN; "merge external" lets the externals of both gateways form one
# ECMP route (without it only one gateway is used).
protocol ospf ${o.version} ${o.name} {
  ecmp yes;
  merge external yes;
  ${o.family} {
    import ${o.importRule};
    export ${o.exportRule};
  };
<@bp.area bird o/>
}

</#list>
