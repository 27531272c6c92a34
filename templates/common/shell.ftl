<#-- Shell fragments shared by the gateways' and routers' scripts. -->
<#-- Stops the BIRD that up.sh started: through its control socket, then only the pid it recorded. -->
<#macro stopBird>
# BIRD started by up.sh (none when systemd runs it): asked to stop through its control socket,
# then, if still there, the pid it recorded. BIRD writes that pid just after it daemonizes, so
# a down.sh that follows up.sh at once waits a moment for it.
if [[ -e $run/bird.pid || -S $run/bird.ctl ]]; then
  for _ in $(seq 20); do
    [[ -s $run/bird.pid ]] && break
    sleep 0.05
  done
  pid=$(cat "$run/bird.pid" 2>/dev/null || true)
  if [[ -S $run/bird.ctl ]]; then
    "${r"${BIRDC:-birdc}"}" -s "$run/bird.ctl" down >/dev/null 2>&1 || true
  fi
  if [[ -n $pid ]] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f -- "$run/bird.pid"
fi
</#macro>
<#-- reload.sh: the running BIRD takes the new configuration on probation and keeps it only when
     every BGP session of it is established in time. -->
<#macro birdRunning>
# BIRD answers on its control socket (started by up.sh or by vpnc-bird.service).
bird_running() { [[ -S $run/bird.ctl ]] && "$BIRDC" -s "$run/bird.ctl" show status >/dev/null 2>&1; }
</#macro>
<#macro reloadBird>
# BIRD: the new configuration on probation ("configure timeout": BIRD goes back to the old one by
# itself unless confirmed), confirmed only when every BGP session it declares is established
# within VPNC_RELOAD_WAIT seconds; otherwise undone at once. Sessions whose configuration did
# not change are kept as they are.
bird_ctl() { "$BIRDC" -s "$run/bird.ctl" "$@"; }
wait_s=${r"${VPNC_RELOAD_WAIT:-30}"}
if [[ ! $wait_s =~ ^[0-9]+$ ]]; then
  echo "reload.sh: VPNC_RELOAD_WAIT must be a number of seconds" >&2
  exit 2
fi
bird_ctl configure "\"$here/bird.conf\"" timeout $((wait_s + 30)) >/dev/null
deadline=$((SECONDS + wait_s))
while :; do
  pending=$(bird_ctl show protocols | awk '$2 == "BGP" && $0 !~ /Established/ { printf "%s ", $1 }')
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
