<#-- Shell fragments shared by the gateways' and routers' scripts. -->
<#-- Stops the BIRD daemons that up.sh started: through their control sockets, then only the pids they recorded. -->
<#macro stopBird daemons>
<#if daemons?size == 1>
# BIRD started by up.sh (none when systemd runs it): asked to stop through its control socket,
# then, if still there, the pid it recorded. BIRD writes that pid just after it daemonizes, so
# a down.sh that follows up.sh at once waits a moment for it.
<#else>
# BIRD 1.6 daemons started by up.sh (none when systemd runs them), <#list daemons as d>${d.binary}<#sep> and </#list>: each asked to
# stop through its control socket, then, if still there, the pid it recorded. BIRD writes that pid
# just after it daemonizes, so a down.sh that follows up.sh at once waits a moment for it.
</#if>
<#list daemons as d>
if [[ -e $run/${d.pid} || -S $run/${d.ctl} ]]; then
  for ((i = 0; i < 20; i++)); do
    [[ -s $run/${d.pid} ]] && break
    sleep 0.05
  done
  pid=$(cat "$run/${d.pid}" 2>/dev/null || true)
  if [[ -S $run/${d.ctl} ]]; then
    "${r"${"}${d.birdcVar}:-${d.birdc}}" -s "$run/${d.ctl}" down >/dev/null 2>&1 || true
  fi
  if [[ -n $pid ]] && kill "$pid" 2>/dev/null; then
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f -- "$run/${d.pid}"
fi
</#list>
</#macro>
<#-- Starts one BIRD daemon, or asks the running one to reload its config. launcher: what runs it (ip netns exec). -->
<#macro startBird d launcher>
  if [[ -s $run/${d.pid} ]] && kill -0 "$(cat "$run/${d.pid}")" 2>/dev/null; then
    "$${d.birdcVar}" -s "$run/${d.ctl}" configure >/dev/null
  else
    "${r"${realtime_bird[@]}"}" ${launcher}"$${d.binaryVar}" -c "$here/${d.conf}" -s "$run/${d.ctl}" -P "$run/${d.pid}" {nap_fd}>&-
    # ${d.name} writes its pid file just after it daemonizes: up.sh returns once it is there, so
    # that down.sh can always find ${d.name} by its pid.
    for ((i = 0; i < 40; i++)); do
      [[ -s $run/${d.pid} ]] && break
      nap 0.05
    done
  fi
</#macro>
<#-- A pause without a process, for the waits of up.sh (sleep is one process per turn of a loop). -->
<#macro nap>
# A pause without a process (sleep is one, at each turn of a wait): a read that times out on a
# pipe that nobody writes to.
exec {nap_fd}<> <(:)
nap() { read -r -t "$1" -u "$nap_fd" || true; }
</#macro>
<#-- This script's folder, found without a process (bird and wg are given absolute paths). -->
<#macro here>
case ${r"${BASH_SOURCE[0]}"} in
  /*) here=${r"${BASH_SOURCE[0]%/*}"} ;;
  */*) here=$PWD/${r"${BASH_SOURCE[0]%/*}"} ;;
  *) here=$PWD ;;
esac
</#macro>
<#-- The variables naming BIRD's executables, overridable from the environment. -->
<#macro birdVariables daemons>
<#list daemons as d>
${d.binaryVar}=${r"${"}${d.binaryVar}:-${d.binary}}
${d.birdcVar}=${r"${"}${d.birdcVar}:-${d.birdc}}
</#list>
</#macro>
<#-- reload.sh: the running BIRD takes the new configuration on probation and keeps it only when
     every BGP session of it is established in time. -->
<#macro birdRunning>
# BIRD answers on its control socket (started by up.sh or by vpnc-bird.service).
bird_running() { [[ -S $run/bird.ctl ]] && "$BIRDC" -s "$run/bird.ctl" show status >/dev/null 2>&1; }
bird_ctl() { "$BIRDC" -s "$run/bird.ctl" "$@"; }
</#macro>
<#macro reloadBird drains=false>
# BIRD: the new configuration on probation ("configure timeout": BIRD goes back to the old one by
# itself unless confirmed), confirmed only when every BGP session it declares is established
# within VPNC_RELOAD_WAIT seconds; otherwise undone at once. Sessions whose configuration did
# not change are kept as they are.<#if drains> The drained sessions are enabled again: each comes
# back when the other end of its tunnel has the same keys (its own reload.sh, before or after
# this one), so they are not waited for.</#if>
wait_s=${r"${VPNC_RELOAD_WAIT:-30}"}
if [[ ! $wait_s =~ ^[0-9]+$ ]]; then
  echo "reload.sh: VPNC_RELOAD_WAIT must be a number of seconds" >&2
  exit 2
fi
bird_ctl configure "\"$here/bird.conf\"" timeout $((wait_s + 30)) >/dev/null
<#if drains>
for session in "${r"${drained[@]}"}"; do
  bird_ctl enable "$session" >/dev/null
done
</#if>
deadline=$((SECONDS + wait_s))
while :; do
<#if drains>
  pending=$(bird_ctl show protocols | awk -v drained=" ${r"${drained[*]}"} " '$2 == "BGP" && $0 !~ /Established/ && index(drained, " " $1 " ") == 0 { printf "%s ", $1 }')
<#else>
  pending=$(bird_ctl show protocols | awk '$2 == "BGP" && $0 !~ /Established/ { printf "%s ", $1 }')
</#if>
  [[ -z $pending ]] && break
  if ((SECONDS >= deadline)); then
    echo "reload.sh: BGP sessions not established after $wait_s s: $pending" >&2
    echo "reload.sh: BIRD configuration undone; interfaces are as the new bundle says" >&2
    bird_ctl configure undo >/dev/null || true
    exit 1
  fi
  sleep 0.2
done
bird_ctl configure confirm >/dev/null
</#macro>
<#-- reload.sh of a host on FRR: frr-reload.py applies what changed; the previous configuration
     is applied again unless every BGP session is established in time (FRR has no probation). -->
<#macro reloadFrr drains=false>
# FRR: only what changed is applied (frr-reload.py), which resets no session whose settings stay.
# FRR keeps no configuration on probation, as BIRD does: the one applied before is kept aside and
# applied again unless every BGP session is established within VPNC_RELOAD_WAIT seconds.<#if drains>
# The drained sessions are enabled again: each comes back when the other end of its tunnel has the
# same keys (its own reload.sh, before or after this one), so they are not waited for.</#if>
wait_s=${r"${VPNC_RELOAD_WAIT:-30}"}
if [[ ! $wait_s =~ ^[0-9]+$ ]]; then
  echo "reload.sh: VPNC_RELOAD_WAIT must be a number of seconds" >&2
  exit 2
fi
# frr.sh keeps a copy of the configuration it applied last.
rm -f -- "$run/frr.previous.conf"
if [[ -s $run/frr.applied.conf ]]; then
  cp -- "$run/frr.applied.conf" "$run/frr.previous.conf"
fi
"$here/frr.sh" start
<#if drains>
if ((${r"${#drained[@]}"})); then
  "$here/frr.sh" enable "${r"${drained[@]}"}"
fi
</#if>
deadline=$((SECONDS + wait_s))
while :; do
  pending=""
  # A vtysh that cannot reach bgpd (its socket is the group frrvty's) lists nothing: not "every
  # session established".
  sessions=$("$here/frr.sh" pending) || {
    echo "reload.sh: FRR did not list its BGP sessions (frr.sh pending failed)" >&2
    exit 1
  }
  for session in $sessions; do
<#if drains>
    [[ " ${r"${drained[*]}"} " == *" $session "* ]] && continue
</#if>
    pending+="$session "
  done
  [[ -z $pending ]] && break
  if ((SECONDS >= deadline)); then
    echo "reload.sh: BGP sessions not established after $wait_s s: $pending" >&2
    if [[ -s $run/frr.previous.conf ]]; then
      echo "reload.sh: the previous FRR configuration applied again; interfaces are as the new bundle says" >&2
      "$here/frr.sh" apply "$run/frr.previous.conf" || true
    fi
    exit 1
  fi
  sleep 0.2
done
</#macro>
<#-- Scheduling priority of BIRD (real-time) and of userspace WireGuard (nice -10), those this
     script starts: both must answer BFD in time on a busy host. -->
<#macro realtime bird=true userspace=false>
# BFD declares a peer dead after a few missed packets (150-300 ms). On a busy host, BIRD's timers
# at normal priority miss them: with both cores of the lab saturated, 12 and 22 sessions of 84
# went down (also at nice -10), none or one with BIRD at real-time priority (SCHED_RR 10).
<#if userspace>
# A userspace WireGuard carries every BFD packet: at normal priority, with BFD every 50 ms, 12
# to 48 sessions of 84 still went down under that load, 0 to 8 with it at nice -10. Not at
# real-time priority: it also encrypts the traffic, which must not starve the host.
</#if>
# VPNC_REALTIME=no keeps normal priority; a host that refuses (a container without CAP_SYS_NICE)
# gets a warning.
<#if bird>
realtime_bird=()
</#if>
<#if userspace>
nice_userspace=()
</#if>
case ${r"${VPNC_REALTIME:-yes}"} in
  no) ;;
  yes)
<#if bird>
    if chrt -r 10 true 2>/dev/null; then
      realtime_bird=(chrt -r 10)
    else
      echo "$(basename "$0"): real-time scheduling refused: BFD may flap when this host is busy" >&2
    fi
</#if>
<#if userspace>
    if nice -n -10 true 2>/dev/null; then
      nice_userspace=(nice -n -10)
<#if !bird>
    else
      echo "$(basename "$0"): a higher priority refused: BFD may flap when this host is busy" >&2
</#if>
    fi
</#if>
    ;;
  *)
    echo "$(basename "$0"): VPNC_REALTIME must be yes or no" >&2
    exit 2
    ;;
esac
</#macro>

<#-- A gateway's nftables rules (firewall/*.nft), each file replacing vpnc's own table in one transaction. -->
<#macro firewall>
# vpnc's nftables table in each namespace (firewall/public.nft, firewall/private.nft), replaced
# as a whole: before the tunnels listen, so no port is ever open to all. No other table is touched.
if ! command -v "$NFT" >/dev/null; then
  echo "$(basename "$0"): nft not found: install nftables (the firewall and the tunnels' TCP MSS clamping use it)" >&2
  exit 1
fi
"$NFT" -f "$here/firewall/public.nft"
"$IP" netns exec "$ns" "$NFT" -f "$here/firewall/private.nft"
</#macro>
