<#-- @ftlvariable name="frr" type="dev.vpnc.emit.FrrScript" -->
<#import "header.ftl" as h>
<#import "shell.ftl" as sh>
#!/usr/bin/env bash
<@h.header "#" "frr.sh of ${frr.subject} ${frr.host} (site ${frr.site}, network ${frr.network})"/>
#
# This host's FRR instance, pathspace ${frr.instance.pathspace} (its sockets and pid files in
# ${frr.instance.stateDir}, apart from the machine's own FRR)<#if frr.namespace?has_content>, in the private namespace ${frr.namespace}</#if>.
# Run by up.sh, down.sh and reload.sh, and by vpnc-frr.service when systemd runs FRR.
#   frr.sh start    starts the daemons that are not running (${frr.instance.daemons?join(", ")}), then gives
#                   them frr.conf: the whole file to daemons just started, only what changed otherwise
#   frr.sh apply [FILE]  only what changed between the running configuration and FILE (default
#                   frr.conf), with frr-reload.py: sessions whose settings stay are not reset
#   frr.sh stop     stops the daemons (zebra last: it removes the routes) and their folder
#   frr.sh running  exit status 0 when every daemon runs
#   frr.sh check [FILE]  FRR's parser on FILE (default frr.conf), nothing applied
#   frr.sh pending  prints the BGP neighbors that are not established (nothing when all are)
#   frr.sh shutdown ADDRESS...  shuts those BGP sessions down (reload.sh drains a tunnel so)
#   frr.sh enable ADDRESS...    brings them back
<#if frr.probeFile?has_content>
#   frr.sh probe    gives the route-maps the health probe's state (probe.sh runs it on a change)
</#if>
# Environment: FRR_DIR (default /usr/lib/frr: the daemons and frr-reload.py), VTYSH, IP;
# VPNC_REALTIME=no: normal priority (default: real-time, as BIRD, for BFD on a busy host).
# Needs Debian's frr and frr-pythontools (frr-reload.py), and the user frr the daemons run as.
set -euo pipefail

<@sh.here/>
IP=${r"${IP:-ip}"}
VTYSH=${r"${VTYSH:-vtysh}"}
FRR_DIR=${r"${FRR_DIR:-/usr/lib/frr}"}
pathspace="${frr.instance.pathspace}"
state="${frr.instance.stateDir}"
run="${frr.runDir}"
daemons=(<#list frr.instance.daemons as d>${d}<#sep> </#list>)
stop_order=(<#list frr.instance.stopOrder as d>${d}<#sep> </#list>)
<#if frr.namespace?has_content>
ns="${frr.namespace}"
</#if>
<#if frr.probeFile?has_content>
probe_file="${frr.probeFile}"
</#if>

<@sh.realtime userspace=false/>

# vtysh of this instance only; its complaint about the missing /etc/frr/${frr.instance.pathspace}/vtysh.conf is noise.
vty() { "$VTYSH" -N "$pathspace" "$@" 2> >(grep -v "vtysh.conf" >&2); }

# A daemon is alive when the pid its file names is running that daemon (a pid file can outlive
# its process, and the pid be another process's by now).
alive() {
  local pid
  pid=$(cat "$state/$1.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == "$1" ]]
}

<#if frr.probeFile?has_content>
# The health probe's withdrawal: while probe.sh's state file is there, each outbound route-map to
# the tunnels denies this site's prefixes first (entry 5, which frr.conf leaves free): the routes
# are withdrawn, the sessions stay up.
withdrawal() {
<#list frr.withdrawals as w>
  printf '%s\n' "route-map ${w.routeMap} deny 5" " match ${w.family} address prefix-list ${w.prefixList}" "exit"
</#list>
}

</#if>
# FILE as this host runs it<#if frr.probeFile?has_content>: with the probe's withdrawal while the probe fails</#if>, in $run/frr.running.conf.
effective() {
  cp -- "$1" "$run/frr.running.conf.tmp"
<#if frr.probeFile?has_content>
  if [[ -e $probe_file ]]; then
    withdrawal >>"$run/frr.running.conf.tmp"
  fi
</#if>
  mv -f -- "$run/frr.running.conf.tmp" "$run/frr.running.conf"
}

start() {
  local d started=() i extra
  [[ -d $run ]] || mkdir -p "$run"
  # The daemons drop to the user frr and write their sockets here.
  install -d -o frr -g frr -m 0755 "$state"
  for d in "${r"${daemons[@]}"}"; do
    alive "$d" && continue
    rm -f -- "$state/$d.pid" "$state/$d.vty"
    # zebra's netlink receive buffer as Debian's frr.service sizes it: a full table in one read.
    extra=()
    if [[ $d == zebra ]]; then extra=(-s 90000000); fi
    # -d: as a daemon; -P 0: no TCP vty port (vtysh uses the UNIX socket in $state).
    <#if frr.namespace?has_content>"$IP" netns exec "$ns" </#if>"${r"${realtime_bird[@]}"}" "$FRR_DIR/$d" -d -N "$pathspace" -P 0 "${r"${extra[@]}"}" </dev/null
    started+=("$d")
  done
  # Every daemon answers on its vty socket before it is given a configuration.
  for d in "${r"${daemons[@]}"}"; do
    for ((i = 0; i < 100; i++)); do
      [[ -S $state/$d.vty ]] && break
      sleep 0.05
    done
    if [[ ! -S $state/$d.vty ]]; then
      echo "frr.sh: $d of $pathspace did not start" >&2
      return 1
    fi
  done
  if ((${r"${#started[@]}"})); then
    # A daemon just started has no configuration: the whole file, each daemon taking its part.
    effective "$here/frr.conf"
    vty -f "$run/frr.running.conf" >/dev/null
    cp -- "$here/frr.conf" "$run/frr.applied.conf"
  else
    apply "$here/frr.conf"
  fi
}

# Only what changed, as frr-reload.py computes it from the running configuration; its log goes
# to $run/frr-reload.log (on failure, its end to stderr). Nothing changes when FILE does not parse.
# FILE as it was applied last is not applied again: frr-reload.py takes seconds of CPU (Python,
# and a vtysh per daemon), which every reload.sh of an unchanged bundle would spend.
apply() {
  local file=${r"${1:-$here/frr.conf}"}
  if cmp -s -- "$file" "$run/frr.applied.conf"; then
    return 0
  fi
  vty -C -f "$file"
  effective "$file"
  if ! "$FRR_DIR/frr-reload.py" --reload --stdout -N "$pathspace" "$run/frr.running.conf" >"$run/frr-reload.log" 2>&1; then
    echo "frr.sh: frr-reload.py failed on $file; the end of its log ($run/frr-reload.log):" >&2
    tail -n 5 "$run/frr-reload.log" >&2 || true
    return 1
  fi
  cp -- "$file" "$run/frr.applied.conf"
}

stop() {
  local d pid i
  for d in "${r"${stop_order[@]}"}"; do
    alive "$d" || continue
    pid=$(cat "$state/$d.pid")
    kill -INT "$pid" 2>/dev/null || continue
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf -- "$state"
}

<#if frr.probeFile?has_content>
# The probe's state given to the running route-maps at once (frr-reload.py would take seconds).
probe() {
  local args=(-c 'configure terminal') present
  if [[ -e $probe_file ]]; then
<#list frr.withdrawals as w>
    args+=(-c 'route-map ${w.routeMap} deny 5' -c 'match ${w.family} address prefix-list ${w.prefixList}' -c 'exit')
</#list>
  else
    # The route-maps that have the entry now ("route-map: NAME ..." then " deny, sequence 5 ...").
    present=" $(vty -d bgpd -c 'show route-map' | awk '/^route-map: / { m = $2 } /deny, sequence 5 / { printf "%s ", m }')"
<#list frr.withdrawals as w>
    if [[ $present == *" ${w.routeMap} "* ]]; then args+=(-c 'no route-map ${w.routeMap} deny 5'); fi
</#list>
  fi
  if ((${r"${#args[@]}"} > 2)); then
    # Announced again at once, not after bgpd's route-map delay timer (1 s): outbound only, no
    # session is reset.
    args+=(-c 'end'<#list frr.withdrawalFamilies as f> -c 'clear bgp ${f} unicast * soft out'</#list>)
    # bgpd alone reads the route-maps to the tunnels: one daemon to wait for, not every one.
    vty -d bgpd "${r"${args[@]}"}" >/dev/null
  fi
}

</#if>
running() {
  local d
  for d in "${r"${daemons[@]}"}"; do
    alive "$d" || return 1
  done
}

pending() {
<#if frr.instance.bgp>
  vty -d bgpd -c 'show bgp neighbors' | awk '
    /^BGP neighbor is/ { n = $4; sub(/,$/, "", n) }
    /BGP state = / && !/Established/ { printf "%s ", n }'
<#else>
  : # no bgpd on this host (OSPF inside its site)
</#if>
}

# shutdown ADDRESS... or enable ADDRESS...: "neighbor ADDRESS shutdown", or its "no".
neighbors() {
<#if frr.instance.bgp>
  local no=$1 args=(-c 'configure terminal' -c 'router bgp ${frr.asn?c}') a
  shift
  for a in "$@"; do args+=(-c "${r"${no}"}neighbor $a shutdown"); done
  vty -d bgpd "${r"${args[@]}"}" >/dev/null
<#else>
  : # no bgpd on this host (OSPF inside its site)
</#if>
}

case ${r"${1-}"} in
  start | stop | pending | running<#if frr.probeFile?has_content> | probe</#if>) "$1" ;;
  apply) apply "${r"${2:-$here/frr.conf}"}" ;;
  check) vty -C -f "${r"${2:-$here/frr.conf}"}" ;;
  shutdown)
    shift
    neighbors "" "$@"
    ;;
  enable)
    shift
    neighbors "no " "$@"
    ;;
  *)
    echo "usage: frr.sh start | stop | running | check [FILE] | apply [FILE] | pending | shutdown|enable ADDRESS..." >&2
    exit 2
    ;;
esac
