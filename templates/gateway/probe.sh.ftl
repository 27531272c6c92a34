<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Gateway" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#assign gw = host.plan>
<#assign pr = gw.probe>
#!/usr/bin/env bash
<@h.header "#" "probe.sh of gateway ${gw.name} (site ${gw.site}, network ${host.network})"/>
#
# The health probe of site ${gw.site}: pings ${pr.address} from this gateway's LAN address ${pr.source}, in
<#if host.frr??>
# the private namespace, every ${pr.intervalSeconds} s. After ${pr.downAfter} unanswered pings in a row it creates
# ${host.probeFile} and runs "frr.sh probe": the outbound route-maps to the tunnels then deny
# the site's prefixes first, so that remote sites send their traffic to the site's other
# gateways; tunnels, BGP sessions and BFD stay up. After ${pr.upAfter} answered pings in a row it removes
# the file and runs frr.sh probe again: the routes come back.
# The state is that file (present: withdrawn), so that it outlives this script: up.sh removes it
# (a fresh start announces), reload.sh's frr.sh reads it (a reload keeps the state).
<#else>
# the private namespace, every ${pr.intervalSeconds} s. After ${pr.downAfter} unanswered pings in a row it writes
# "return true;" into ${host.probeFile} and runs "birdc configure": the export
# filters to the tunnels then withdraw the site's prefixes, so that remote sites send their
# traffic to the site's other gateways; tunnels, BGP sessions and BFD stay up. After ${pr.upAfter} answered
# pings in a row it removes the file and configures again: the routes come back.
# The state is that file (present: withdrawn), so that it outlives this script: up.sh removes it
# (a fresh start announces), reload.sh's "birdc configure" reads it (a reload keeps the state).
</#if>
# Run by vpnc-probe.service; logs each change of state on standard output (the journal).
#
# Usage: probe.sh            probe for ever
#        probe.sh --once     one ping and one step, then exit (the count of pings in a row is kept
#                            beside the state file between runs): a test drives the probe with it
<#if host.frr??>
# Exit status (--once): 0 done; 1 FRR did not take the new state (frr.sh probe failed); 2 wrong usage.
# Environment: IP, PING name the tools (as in up.sh);
# VPNC_PROBE_FILE: the state file, for tests only (frr.sh reads ${host.probeFile}).
<#else>
# Exit status (--once): 0 done; 1 BIRD did not take the new state (birdc failed); 2 wrong usage.
# Environment: IP, PING, <#list host.daemons as d>${d.birdcVar}<#sep>, </#list> name the tools (as in up.sh);
# VPNC_PROBE_FILE: the state file, for tests only (BIRD reads ${host.probeFile}).
</#if>
set -euo pipefail
<#if host.frr??>

<@sh.here/>
</#if>

IP=${r"${IP:-ip}"}
PING=${r"${PING:-ping}"}
<#list host.daemons as d>
${d.birdcVar}=${r"${"}${d.birdcVar}:-${d.birdc}}
</#list>
ns="${gw.namespace}"
run="${host.runDir}"
state=${r"${VPNC_PROBE_FILE:-$run/probe-failed.conf}"}
# Pings in a row that contradict the state (unanswered while announced, answered while withdrawn).
streak_file=${r"${state%/*}"}/probe-streak
address="${pr.address}"
source="${pr.source}"
interval=${pr.intervalSeconds}
down_after=${pr.downAfter}
up_after=${pr.upAfter}

once=no
case ${r"${1:-}"} in
  --once) once=yes ;;
  "") ;;
  *)
    echo "usage: probe.sh [--once]" >&2
    exit 2
    ;;
esac

<@sh.nap/>

<#if host.frr??>
# FRR's outbound route-maps take the state of the file (frr.sh probe); the sessions stay up.
configure() { "$here/frr.sh" probe; }
<#else>
# Every BIRD daemon reads the state file again; the sessions stay up (only the filters change).
configure() {
  local ok=yes
<#list host.daemons as d>
  "$${d.birdcVar}" -s "$run/${d.ctl}" configure >/dev/null || ok=no
</#list>
  [[ $ok == yes ]]
}
</#if>

# Written whole or not at all: BIRD may read it at any time (reload.sh, a restart).
withdraw() {
  mkdir -p -- "${r"${state%/*}"}"
  printf 'return true;\n' >"$state.tmp"
  mv -f -- "$state.tmp" "$state"
}

# Whether BIRD has the state of the file: false after a birdc that failed, tried again each step.
applied=yes
streak=0
if [[ $once == yes && -s $streak_file ]]; then
  streak=$(<"$streak_file")
  [[ $streak =~ ^[0-9]+$ ]] || streak=0
fi

step() {
  local answered=no
  if "$IP" netns exec "$ns" "$PING" -n -q -c 1 -W "$interval" -I "$source" "$address" >/dev/null 2>&1; then
    answered=yes
  fi
  if [[ -e $state ]]; then
    if [[ $answered == yes ]]; then streak=$((streak + 1)); else streak=0; fi
    if ((streak >= up_after)); then
      rm -f -- "$state"
      streak=0
      applied=no
      echo "probe.sh: $address answers again ($up_after pings in a row): announcing site ${gw.site}'s routes"
    fi
  else
    if [[ $answered == no ]]; then streak=$((streak + 1)); else streak=0; fi
    if ((streak >= down_after)); then
      withdraw
      streak=0
      applied=no
      echo "probe.sh: $address does not answer ($down_after pings in a row): withdrawing site ${gw.site}'s routes"
    fi
  fi
  if [[ $applied == no ]]; then
    if configure; then
      applied=yes
    else
      echo "probe.sh: <#if host.frr??>frr.sh probe<#else>birdc configure</#if> failed; trying again at the next ping" >&2
    fi
  fi
}

if [[ $once == yes ]]; then
  step
  mkdir -p -- "${r"${state%/*}"}"
  printf '%s\n' "$streak" >"$streak_file"
  if [[ $applied == yes ]]; then exit 0; fi
  exit 1
fi

rm -f -- "$streak_file"
echo "probe.sh: probing $address from $source every $interval s (withdraw after $down_after, announce after $up_after)"
# A bundle installed over this one (systemctl reload vpnc.service): this script starts again
# from its new file, the state file unchanged.
trap 'exec "$0"' HUP
while :; do
  started=${r"${EPOCHREALTIME//[!0-9]/}"}
  step
  # One ping per interval: an unanswered ping has waited for it already, an answered or refused
  # one sleeps the rest.
  left=$((interval * 1000000 - (${r"${EPOCHREALTIME//[!0-9]/}"} - started)))
  if ((left > 0)); then
    printf -v fraction '%06d' $((left % 1000000))
    nap "$((left / 1000000)).$fraction"
  fi
done
