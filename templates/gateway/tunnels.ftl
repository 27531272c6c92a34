<#-- The tunnels of a gateway, shared by up.sh and reload.sh: each interface that exists is
     synchronised (its sessions kept), each missing one created as on a fresh host. -->
<#macro tunnels host>
# Creates a WireGuard interface in the public namespace, where its UDP socket stays, and moves
# it into the private one. Without a kernel module, a userspace implementation creates it
# (its control socket in /run/wireguard keeps working after the move).
create_tunnel() {
  local ifname=$1 try i
  if ! in_public "$ifname"; then
    if ! "$IP" link add dev "$ifname" type wireguard 2>/dev/null; then
      echo "up.sh: no WireGuard kernel support, using $WG_USERSPACE for $ifname" >&2
      # Its control socket exists before the daemon serves it, and under load a wireguard-go
      # was seen to reset the first requests or to lose its socket: each start is given 5 s to
      # answer, and another start (3 in all) if it does not.
      for try in 1 2 3; do
        "$WG_USERSPACE" "$ifname"
        for ((i = 0; i < 50; i++)); do
          "$WG" show "$ifname" >/dev/null 2>&1 && break 2
          sleep 0.1
        done
        "$IP" link del dev "$ifname" 2>/dev/null || true
        rm -f -- "/run/wireguard/$ifname.sock"
        if ((try == 3)); then
          echo "up.sh: $WG_USERSPACE does not answer for $ifname" >&2
          return 1
        fi
      done
    fi
  fi
  "$WG" setconf "$ifname" "$here/wireguard/$ifname.conf"
  "$WG" set "$ifname" private-key "$secrets/private.key"
  "$IP" link set dev "$ifname" netns "$ns"
}

# Whether a running tunnel (its "wg showconf" on stdin) already has its file's settings and our
# private key: the settings its file decides are compared as a set (listen port, public key,
# keepalive, fwmark, each allowed IP; the endpoint when the file names one, a DNS name being
# resolved apart), the preshared key being set apart. One awk reads the three sources: no key
# is ever expanded in a command line that "bash -x" would print, and a tunnel costs 2 processes
# instead of 8.
tunnel_is_current() {
  awk -v conf="$here/wireguard/$1.conf" -v keyfile="$secrets/private.key" '
    function note(line, d,   key, val, n, a, i) {
      key = tolower(line); sub(/ *=.*/, "", key); val = line; sub(/^[^=]*= */, "", val)
      if (key == "persistentkeepalive" && (val == "off" || val == "0")) return
      if (key == "endpoint") endpoint[d] = val
      if (key ~ /^(listenport|publickey|persistentkeepalive|fwmark)$/) count[key "=" val] += d
      if (key == "allowedips") { n = split(val, a, / *, */); for (i = 1; i <= n; i++) count["allowedips=" a[i]] += d }
      if (key == "privatekey" && d < 0) running = val
    }
    { note($0, -1) }
    END {
      while ((getline line < conf) > 0) note(line, 1)
      while ((getline line < keyfile) > 0) if (split(line, f, " ") > 0) { ours = f[1]; break }
      if (ours == "" || ours != running) exit 1
      if ((1 in endpoint) && endpoint[1] != endpoint[-1]) exit 1
      for (k in count) if (count[k] != 0) exit 1
    }'
}

# Brings a tunnel's configuration to the generated one without resetting its sessions
# (syncconf only changes what differs; the private key is set again, unchanged). A tunnel that
# already has its file's settings and key is left alone: syncconf replaces the peer's allowed
# IPs, and the lab saw an echo dropped by wireguard-go in that instant.
sync_tunnel() {
  local ifname=$1
  if "$IP" netns exec "$ns" "$WG" showconf "$ifname" | tunnel_is_current "$ifname"; then
    return 0
  fi
  "$IP" netns exec "$ns" "$WG" syncconf "$ifname" "$here/wireguard/$ifname.conf"
  "$IP" netns exec "$ns" "$WG" set "$ifname" private-key "$secrets/private.key"
}

# One tunnel: created when missing (with its file's settings and key), otherwise brought to its
# file's settings; then addressed and up.
up_tunnel() {
  local ifname=$1
  if in_ns "$ifname"; then
    sync_tunnel "$ifname"
  else
    create_tunnel "$ifname"
  fi
  # Its addresses and link, in one ip process (-batch stops at the first failing line).
  case $ifname in
<#list host.tunnels as tun>
<#assign t = tun.end>
    # to ${t.peerHost} (site ${t.peerSite}) at ${t.peerEndpoint}
    ${t.ifname})
<#if t.presharedKey>
      "$IP" netns exec "$ns" "$WG" set "${t.ifname}" peer "${t.peerPublicKey}" preshared-key "$secrets/${t.pskFile}"
</#if>
<#if t.peerEndpointIsDnsName>
      # The peer's endpoint is a DNS name: resolved here, in the public namespace (the private
      # one has no DNS), and not fatal: the tunnel also learns the endpoint from the peer's
      # first handshake.
      local peer_addr
      if peer_addr=$(getent ahosts "${t.peerEndpointHost}" | awk 'NR == 1 { print $1 }') && [[ -n $peer_addr ]]; then
        if [[ $peer_addr == *:* ]]; then peer_addr="[$peer_addr]"; fi
        "$IP" netns exec "$ns" "$WG" set "${t.ifname}" peer "${t.peerPublicKey}" endpoint "$peer_addr:${t.peerEndpointPort?c}"
      else
        echo "up.sh: cannot resolve ${t.peerEndpointHost} yet; ${t.ifname} waits for its peer's handshake" >&2
      fi
</#if>
      "$IP" -n "$ns" -batch - <<EOF
<#list tun.addresses as a>
addr replace ${a.cidr} dev ${t.ifname}
</#list>
link set dev ${t.ifname} mtu ${t.mtu} up
EOF
      ;;
</#list>
  esac
}

# Every tunnel at once: a userspace daemon takes a moment to answer, and the tunnels do not wait
# for one another. Each runs in its own subshell (errexit applies); all are awaited before a
# failure is reported.
tunnel_jobs=()
for ifname in<#list host.tunnels as tun> "${tun.end.ifname}"</#list>; do
  up_tunnel "$ifname" &
  tunnel_jobs+=("$!")
done
tunnels_failed=0
for job in "${r"${tunnel_jobs[@]}"}"; do
  wait "$job" || tunnels_failed=1
done
if ((tunnels_failed)); then
  echo "up.sh: some tunnels could not be brought up (see above)" >&2
  exit 1
fi

</#macro>

<#-- The LAN interfaces up with their addresses, in one ip process (-batch stops at the first
     failing line). -->
<#macro lanUp host>
<#local gw = host.plan>
"$IP" -n "$ns" -batch - <<EOF
<#list gw.lanInterfaces as lan>
link set dev ${lan} up
</#list>
<#list host.lanAddresses as a>
addr replace ${a.cidr} dev ${host.lanInterface}
</#list>
EOF
</#macro>
