<#-- Shell fragments shared by the gateways' and routers' scripts. -->
<#-- Stops the BIRD that up.sh started: only the pid it recorded, waiting for it to exit. -->
<#macro stopBird>
# BIRD started by up.sh (none when systemd runs it): only the pid it recorded.
if [[ -s $run/bird.pid ]]; then
  pid=$(cat "$run/bird.pid")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f -- "$run/bird.pid"
fi
</#macro>
