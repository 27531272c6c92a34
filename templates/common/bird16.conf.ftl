<#-- @ftlvariable name="bird" type="dev.vpnc.emit.BirdView" -->
<#-- BIRD 1.6 syntax: no channels; the view holds one family, every session one channel. -->
<#import "header.ftl" as h>
<#import "prefixsets.ftl" as p>
<@h.header "#" bird.title/>
#
<#list bird.notes as n>
# ${n}
</#list>
#
# BIRD's control socket and pid file are given on its command line (up.sh, systemd unit).

router id ${bird.routerId};

<@p.prefixSets bird.prefixSets/>
<#list bird.filters as f>
# ${f.comment}
filter ${f.name} {
<#list f.rules as r>
<#if r.localPref??>
  if ${r.match} then {
    bgp_local_pref = ${r.localPref?c};
    accept;
  }
<#else>
  if ${r.match} then accept;
</#if>
</#list>
  reject;
}

</#list>
# Interface state; no routes of its own.
protocol device {
}

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
<#if bird.bfdInterfaces?has_content>
# BFD detects a dead peer in ${bird.timers.bfdIntervalMillis} ms x ${bird.timers.bfdMultiplier}: WireGuard has no liveness signal.
protocol bfd {
  interface <#list bird.bfdInterfaces as i>"${i}"<#sep>, </#list> {
    min rx interval ${bird.timers.bfdIntervalMillis} ms;
    min tx interval ${bird.timers.bfdIntervalMillis} ms;
    # While a session is down BIRD sends every second by default: a returning peer's session
    # would take 1-2 s more to come up. At the same pace as when up, it takes a few packets.
    idle tx interval ${bird.timers.bfdIntervalMillis} ms;
    multiplier ${bird.timers.bfdMultiplier};
  };
}

</#if>
<#list bird.sessions as s>
<#assign c = s.channels[0]>
protocol bgp ${s.name} {
  description "${s.description}";
  local ${s.local} as ${s.localAs};
  neighbor ${s.neighbor} as ${s.neighborAs};
<#if s.iface??>
  interface "${s.iface}";
</#if>
<#if s.direct>
  direct;
</#if>
<#if s.rrClient>
  rr client;
</#if>
  hold time ${bird.timers.bgpHoldSeconds};
  keepalive time ${bird.timers.bgpKeepaliveSeconds};
  # BIRD waits 5 s before its first connection attempt and, after a failure (BFD or hold
  # timer), 60 s before a session may come back: a gateway returning after a crash would be
  # refused by its peers for a minute. 1 s each. A session that keeps failing is damped: the
  # wait doubles, up to ${bird.timers.errorWaitMaxSeconds} s (a few flaps a minute at most), for failures less
  # than ${bird.timers.errorForgetSeconds} s apart (BIRD's default: 300 s).
  connect delay time 1;
  connect retry time 5;
  error wait time ${bird.timers.errorWaitMinSeconds}, ${bird.timers.errorWaitMaxSeconds};
  error forget time ${bird.timers.errorForgetSeconds};
<#if bird.timers.bfd>
  bfd on;
</#if>
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
  area 0 {
    interface "${o.iface}" {
      hello ${bird.timers.ospfHelloSeconds};
      dead ${bird.timers.ospfDeadSeconds};
      # Before electing a designated router OSPF waits 4 x hello by default (40 s without an
      # OSPF route when a site starts cold); one hello is enough for every router to be heard.
      # A router joining a running LAN stops waiting when it hears the designated router.
      wait ${bird.timers.ospfWaitSeconds};
      cost ${bird.timers.ospfCost};
<#if bird.timers.bfd>
      bfd on;
</#if>
    };
  };
}

</#list>
