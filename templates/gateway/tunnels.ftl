<#-- The interfaces of a gateway, shared by up.sh and reload.sh: each tunnel that exists is
     synchronised (its sessions kept), each missing one created as on a fresh host; the LAN
     interfaces and the new tunnels move into the private namespace, and every interface gets
     its addresses, in two ip processes. -->
<#macro interfaces host>
<#local gw = host.plan>
# The interfaces of each namespace, listed once (names between spaces): the LAN and the tunnels
# below are looked up here instead of with one ip process each.
link_names() { local name _; while read -r name _; do printf ' %s' "${r"${name%%@*}"}"; done; echo ' '; }
ns_links=$("$IP" -n "$ns" -br link show | link_names)
public_links=$("$IP" -br link show | link_names)
[[ -d $run ]] || mkdir -p "$run"
<#list gw.lanInterfaces as lan>
if [[ $ns_links != *" ${lan} "* && $public_links != *" ${lan} "* ]]; then
  echo "$(basename "$0"): no interface ${lan} (the site's LAN)" >&2
  exit 1
fi
</#list>

# A tunnel's file with our private key (and its preshared key, if any) added, for one "wg setconf"
# or "wg syncconf" that sets all: no key in a command line, nor in the trace of "bash -x" (off
# here; "local -" restores it). Builtins only: no process. wg takes the second [Interface]
# header as the same section, and the preshared key goes to the file's last section, its peer.
tunnel_conf() {
  local -
  set +x
  local key psk line
  read -r key <"$secrets/private.key"
  printf '[Interface]\nPrivateKey = %s\n' "$key"
  while IFS= read -r line || [[ -n $line ]]; do printf '%s\n' "$line"; done <"$here/wireguard/$1.conf"
  if [[ -n ${r"${2-}"} ]]; then
    read -r psk <"$secrets/$2"
    printf 'PresharedKey = %s\n' "$psk"
  fi
}

# Creates a WireGuard interface in the public namespace, where its UDP socket stays (it moves
# into the private one with the others, below), configured with its file and keys. Without a
# kernel module, a userspace implementation creates it (its control socket in /run/wireguard
# keeps working after the move).
create_tunnel() {
  local ifname=$1 psk_file=${r"${2-}"} try daemon until
  if [[ $public_links != *" $ifname "* ]] && ! { [[ $wg_kernel == yes ]] && "$IP" link add dev "$ifname" type wireguard 2>/dev/null; }; then
    # The daemon runs in the foreground, in the background of up.sh: one process, where by
    # itself it starts a copy of itself to daemonize (10-15 ms of CPU more per tunnel here);
    # its output (errors only) goes to $run/IFNAME.log. It serves one tunnel, on one processor
    # unless GOMAXPROCS says otherwise: 46 idle wireguard-go daemons (BFD every 100 ms) took
    # half a core with Go's default of every processor, a quarter with one. Its control socket
    # can exist before it serves it, and under load a wireguard-go was seen to reset the first
    # requests or to lose its socket: each start is given 5 s to take its configuration, and
    # another start (3 in all) if it does not.
    for try in 1 2 3; do
      WG_PROCESS_FOREGROUND=1 GOMAXPROCS=${r"${GOMAXPROCS:-1}"} "${r"${nice_userspace[@]}"}" "$WG_USERSPACE" -f "$ifname" </dev/null >>"$run/$ifname.log" 2>&1 {nap_fd}>&- &
      daemon=$!
      until=$((SECONDS + 5))
      while ((SECONDS < until)) && kill -0 "$daemon" 2>/dev/null; do
        if [[ ! -S /run/wireguard/$ifname.sock ]]; then
          nap 0.02
          continue
        fi
        "$WG" setconf "$ifname" <(tunnel_conf "$ifname" "$psk_file") 2>/dev/null && return 0
        # A daemon that answers but refused the file will not take it by waiting.
        if "$WG" show "$ifname" >/dev/null 2>&1; then
          "$WG" setconf "$ifname" <(tunnel_conf "$ifname" "$psk_file")
          return
        fi
        nap 0.1
      done
      kill "$daemon" 2>/dev/null || true
      "$IP" link del dev "$ifname" 2>/dev/null || true
      rm -f -- "/run/wireguard/$ifname.sock"
      if ((try == 3)); then
        echo "up.sh: $WG_USERSPACE does not answer for $ifname; the end of its output ($run/$ifname.log):" >&2
        tail -n 5 "$run/$ifname.log" >&2 || true
        return 1
      fi
    done
  fi
  "$WG" setconf "$ifname" <(tunnel_conf "$ifname" "$psk_file")
}

# Whether a running tunnel (its "wg showconf" on stdin) already has its file's settings and our
# keys: the settings its file decides are compared as a set (listen port, public key, keepalive,
# fwmark, each allowed IP; the endpoint when the file names one, a DNS name being resolved
# apart), the private and preshared keys against their files. With a third argument ("keys"),
# only the keys: ours, the peer's public key and the preshared key. One awk reads the sources: no
# key is ever expanded in a command line that "bash -x" would print.
tunnel_is_current() {
  awk -v conf="$here/wireguard/$1.conf" -v keyfile="$secrets/private.key" -v pskfile="${r"${2:+$secrets/$2}"}" -v keysonly="${r"${3:+1}"}" '
    function note(line, d,   key, val, n, a, i) {
      key = tolower(line); sub(/ *=.*/, "", key); val = line; sub(/^[^=]*= */, "", val)
      if (key == "persistentkeepalive" && (val == "off" || val == "0")) return
      if (key == "endpoint") endpoint[d] = val
      if (key ~ /^(listenport|publickey|persistentkeepalive|fwmark)$/) count[key "=" val] += d
      if (key == "allowedips") { n = split(val, a, / *, */); for (i = 1; i <= n; i++) count["allowedips=" a[i]] += d }
      if (key == "privatekey" && d < 0) running = val
      if (key == "presharedkey" && d < 0) runningpsk = val
    }
    function first(file,   line, f) {
      while ((getline line < file) > 0) if (split(line, f, " ") > 0) return f[1]
      return ""
    }
    { note($0, -1) }
    END {
      while ((getline line < conf) > 0) note(line, 1)
      ours = first(keyfile)
      if (ours == "" || ours != running) exit 1
      if (pskfile != "" && first(pskfile) != runningpsk) exit 1
      if (keysonly) { for (k in count) if (k ~ /^publickey=/ && count[k] != 0) exit 1; exit 0 }
      if ((1 in endpoint) && endpoint[1] != endpoint[-1]) exit 1
      for (k in count) if (count[k] != 0) exit 1
    }'
}

# Brings a running tunnel to its file's settings and keys without resetting its sessions
# (syncconf only changes what differs). A tunnel that already has them is left alone: syncconf
# replaces the peer's allowed IPs, and the lab saw an echo dropped by wireguard-go in that
# instant.
sync_tunnel() {
  local ifname=$1 psk_file=${r"${2-}"}
  if "$IP" netns exec "$ns" "$WG" showconf "$ifname" | tunnel_is_current "$ifname" "$psk_file"; then
    return 0
  fi
  "$IP" netns exec "$ns" "$WG" syncconf "$ifname" <(tunnel_conf "$ifname" "$psk_file")
}

# A tunnel with a running interface is synchronised, a missing one created.
up_tunnel() {
  if [[ $ns_links == *" $1 "* ]]; then
    sync_tunnel "$@"
  else
    create_tunnel "$@"
  fi
}

<#-- reload.sh drains here the tunnels whose keys change, before any is synchronised. -->
<#nested>
# Whether the kernel has WireGuard, tried once, on the first tunnel to create (which then
# exists): without it, the other tunnels go straight to the userspace daemon.
wg_kernel=yes
for ifname in<#list host.tunnels as tun> "${tun.end.ifname}"</#list>; do
  if [[ $ns_links != *" $ifname "* && $public_links != *" $ifname "* ]]; then
    if "$IP" link add dev "$ifname" type wireguard 2>/dev/null; then
      public_links+="$ifname "
    else
      wg_kernel=no
      echo "up.sh: no WireGuard kernel support, using $WG_USERSPACE" >&2
    fi
    break
  fi
done

# Every tunnel at once: a userspace daemon takes a moment to answer, and the tunnels do not wait
# for one another. Each runs in its own subshell (errexit applies); all are awaited before a
# failure is reported.
tunnel_jobs=()
<#list host.tunnels as tun>
up_tunnel "${tun.end.ifname}"<#if tun.end.presharedKey> "${tun.end.pskFile}"</#if> &
tunnel_jobs+=("$!")
</#list>
tunnels_failed=0
for job in "${r"${tunnel_jobs[@]}"}"; do
  wait "$job" || tunnels_failed=1
done
if ((tunnels_failed)); then
  echo "up.sh: some tunnels could not be brought up (see above)" >&2
  exit 1
fi

# The LAN interfaces and the new tunnels move into the private namespace, then every interface
# gets its addresses and link up: one ip process for each (-batch stops at the first failing line).
moves=""
for ifname in<#list gw.lanInterfaces as lan> "${lan}"</#list><#list host.tunnels as tun> "${tun.end.ifname}"</#list>; do
  if [[ $ns_links != *" $ifname "* ]]; then
    moves+="link set dev $ifname netns $ns"$'\n'
  fi
done
if [[ -n $moves ]]; then
  "$IP" -batch - <<<"$moves"
fi
"$IP" -n "$ns" -batch - <<EOF
link set dev lo up
<#list gw.lanInterfaces as lan>
link set dev ${lan} up
</#list>
<#list host.lanAddresses as a>
addr replace ${a.cidr} dev ${host.lanInterface}
</#list>
<#list host.tunnels as tun>
<#assign t = tun.end>
<#list tun.addresses as a>
addr replace ${a.cidr} dev ${t.ifname}
</#list>
link set dev ${t.ifname} mtu ${t.mtu} up
</#list>
EOF
<#list host.tunnels as tun>
<#assign t = tun.end>
<#if t.peerEndpointIsDnsName>

# ${t.ifname}: the peer's endpoint is a DNS name, resolved here, in the public namespace (the
# private one has no DNS), and not fatal: the tunnel also learns the endpoint from the peer's
# first handshake.
if peer_addr=$(getent ahosts "${t.peerEndpointHost}" | awk 'NR == 1 { print $1 }') && [[ -n $peer_addr ]]; then
  if [[ $peer_addr == *:* ]]; then peer_addr="[$peer_addr]"; fi
  "$IP" netns exec "$ns" "$WG" set "${t.ifname}" peer "${t.peerPublicKey}" endpoint "$peer_addr:${t.peerPort?c}"
else
  echo "up.sh: cannot resolve ${t.peerEndpointHost} yet; ${t.ifname} waits for its peer's handshake" >&2
fi
</#if>
</#list>

</#macro>
