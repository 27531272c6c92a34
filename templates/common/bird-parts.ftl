<#-- What the BIRD 2 and BIRD 1.6 configs share; each target's template (bird.conf.ftl,
     bird16.conf.ftl) writes what differs: BIRD 2's channels, BIRD 1.6's single family. -->
<#import "header.ftl" as h>
<#import "prefixsets.ftl" as p>
<#-- Header, router id, prefix sets, filters and the device protocol. -->
<#macro opening bird>
<@h.header "#" bird.title/>
#
<#list bird.notes as n>
# ${n}
</#list>
#
# BIRD's control socket and pid file are given on its command line (up.sh, systemd unit).

router id ${bird.routerId};

<@p.prefixSets bird.prefixSets/>
<#if bird.probe??>
<#assign pr = bird.probe>
# Health probe: probe.sh (vpnc-probe.service) pings ${pr.address} from this gateway's LAN every
# ${pr.intervalSeconds} s. After ${pr.downAfter} unanswered pings in a row it writes "return true;" into
# ${pr.file} and runs "birdc configure": the filters to the tunnels then withdraw
# this site's prefixes, sessions and BFD staying up (BIRD re-exports through a filter that
# changed, without restarting the session). After ${pr.upAfter} answered pings in a row it removes the
# file and configures again. The path is written as a pattern ("[c]"): a pattern that matches no
# file includes nothing (the probe answers, or the folder does not exist yet, as where vpnc
# compiles); a plain path that is missing would be an error.
function ${pr.function}()
{
  include "${pr.include}";
  return false;
}

</#if>
<#list bird.filters as f>
# ${f.comment}
filter ${f.name} {
<#if f.withdrawal??>
  if ${f.withdrawal} then reject;
</#if>
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

</#macro>
<#-- The BFD protocol, when sessions use it. -->
<#macro bfd bird>
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
</#macro>
<#-- The lines of a BGP session that do not depend on its families: addresses, timers, BFD. -->
<#macro session bird s>
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
</#macro>
<#-- The LAN area of an OSPF instance. -->
<#macro area bird o>
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
</#macro>
