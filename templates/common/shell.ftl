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
