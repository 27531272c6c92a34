<#-- @ftlvariable name="host" type="dev.vpnc.emit.HostViews.Gateway" -->
<#import "../common/header.ftl" as h>
<#import "../common/shell.ftl" as sh>
<#import "tunnels.ftl" as tn>
<#assign gw = host.plan>
#!/usr/bin/env bash
<@h.header "#" "reload.sh of gateway ${gw.name} (site ${gw.site}, network ${host.network})"/>
#
# Applies this bundle to a running gateway with the least disruption: tunnels that stay keep
# their interface and sessions (wg syncconf), new ones are created as up.sh creates them,
<#if host.frr??>
# removed ones are deleted; FRR takes what changed in its configuration without a restart
# (frr-reload.py), and the previous one is applied again unless all BGP sessions are established.
# Tunnels whose keys change (a rotation) are drained before the switch and come back when their
# other end has switched too, whichever of the two reloads first. A gateway that is not running
# gets up.sh.
<#else>
# removed ones are deleted; BIRD takes the new configuration without a restart and keeps it only
# when all its BGP sessions are established. Tunnels whose keys change (a rotation) are drained
# before the switch and come back when their other end has switched too, whichever of the two
# reloads first. A gateway that is not running gets up.sh.
</#if>
# Exit status: 0 applied; 1 BGP sessions not established (<#if host.frr??>FRR's previous configuration applied again<#else>BIRD's configuration undone</#if>).
# Environment: as up.sh (VPNC_SECRETS, VPNC_WG_USERSPACE, VPNC_REALTIME); VPNC_RELOAD_WAIT
# seconds for the sessions (default 30); VPNC_DRAIN_WAIT seconds between draining the tunnels
# whose keys change and switching their keys (default 1).
set -euo pipefail

<@sh.here/>
secrets=${r"${VPNC_SECRETS:-/etc/vpnc/secrets}"}
IP=${r"${IP:-ip}"}
WG=${r"${WG:-wg}"}
NFT=${r"${NFT:-nft}"}
<#if !host.frr??>
BIRD=${r"${BIRD:-bird}"}
BIRDC=${r"${BIRDC:-birdc}"}
</#if>
WG_USERSPACE=${r"${VPNC_WG_USERSPACE:-wireguard-go}"}
ns="${gw.namespace}"
run="${host.runDir}"

in_ns() { "$IP" -n "$ns" link show dev "$1" >/dev/null 2>&1; }
<#if host.frr??>
frr_running() { "$here/frr.sh" running; }
<#else>
<@sh.birdRunning/>
</#if>
<@sh.nap/>

if ! "$IP" -n "$ns" link show lo >/dev/null 2>&1 || ! <#if host.frr??>frr_running<#else>bird_running</#if>; then
  echo "reload.sh: ${gw.name} is not running (no namespace $ns or no <#if host.frr??>FRR<#else>BIRD</#if>): running up.sh" >&2
  exec "$here/up.sh"
fi
if [[ ! -r $secrets/private.key ]]; then
  echo "reload.sh: missing $secrets/private.key" >&2
  exit 1
fi
<#if host.frr??>
# Nothing changes when the new FRR configuration does not even parse.
"$here/frr.sh" check
<#else>
# Nothing changes when the new BIRD configuration does not even parse.
"$BIRD" -p -c "$here/bird.conf"
</#if>

<@sh.firewall/>

# The global addresses in the private namespace, as "interface address" lines, listed once
# (one ip process for every interface pruned below).
ns_addresses=$("$IP" -n "$ns" -o addr show scope global)

# Removes the global addresses of an interface that the bundle no longer gives it. Run before
# the addresses are (re)added, so that an address written differently is only re-added.
prune_addresses() {
  local ifname=$1 dev a k keep
  shift
  while read -r _ dev _ a _; do
    [[ $dev == "$ifname" ]] || continue
    keep=no
    for k in "$@"; do
      if [[ $a == "$k" ]]; then keep=yes; fi
    done
    if [[ $keep == no ]]; then
      "$IP" -n "$ns" addr del "$a" dev "$ifname"
    fi
  done <<<"$ns_addresses"
}

# LAN addresses that changed (a new LAN interface moves into the private namespace with the
# tunnels, below).
prune_addresses "${host.lanInterface}"<#list host.lanAddresses as a> "${a.cidr}"</#list>

# Tunnel addresses that changed.
<#list host.tunnels as tun>
prune_addresses "${tun.end.ifname}"<#list tun.addresses as a> "${a.cidr}"</#list>
</#list>

<@sh.realtime bird=false userspace=true/>

<@tn.interfaces host>
# Key rotation, make-before-break: a tunnel whose keys change (this host's key, the peer's, or
# their preshared key) carries nothing from the moment one end switches until the other has, so
# it is drained first. Its BGP session is shut down: BIRD tells the peer, both ends withdraw its
# routes at once and the traffic moves to the other tunnels and the site's other gateways. After
# VPNC_DRAIN_WAIT seconds (default 1) for the routes to change on both sides, the keys switch.
# No other session is touched.
drain_wait=${r"${VPNC_DRAIN_WAIT:-1}"}
if [[ ! $drain_wait =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
  echo "reload.sh: VPNC_DRAIN_WAIT must be a number of seconds" >&2
  exit 2
fi
drained=()
<#list host.tunnels as tun>
if [[ $ns_links == *" ${tun.end.ifname} "* ]] && ! "$IP" netns exec "$ns" "$WG" showconf "${tun.end.ifname}" | tunnel_is_current "${tun.end.ifname}" "<#if tun.end.presharedKey>${tun.end.pskFile}</#if>" keys; then
  drained+=("<#if host.frr??>${tun.end.peer6}<#else>${tun.end.sessionName}</#if>")
fi
</#list>
if ((${r"${#drained[@]}"})); then
  echo "reload.sh: keys change for ${r"${drained[*]}"}: draining them before the switch" >&2
  # Only a session that is established carries traffic and needs the wait (after the other end
  # switched first, it is down already).
<#if host.frr??>
  not_established=" $("$here/frr.sh" pending)"
  carrying=no
  for session in "${r"${drained[@]}"}"; do
    if [[ $not_established != *" $session "* ]]; then carrying=yes; fi
  done
  "$here/frr.sh" shutdown "${r"${drained[@]}"}"
<#else>
  established=$(bird_ctl show protocols | awk '$2 == "BGP" && /Established/ { printf " %s ", $1 }')
  carrying=no
  for session in "${r"${drained[@]}"}"; do
    if [[ $established == *" $session "* ]]; then carrying=yes; fi
    bird_ctl disable "$session" >/dev/null
  done
</#if>
  if [[ $carrying == yes ]]; then nap "$drain_wait"; fi
fi
</@tn.interfaces>
<#if host.frr??>
<@sh.reloadFrr drains=true/>
<#else>
<@sh.reloadBird drains=true/>
</#if>

# Tunnels no longer in the bundle (named as vpnc names tunnels), once <#if host.frr??>FRR<#else>BIRD</#if> has let go of them.
keep=" <#list host.tunnels as tun>${tun.end.ifname} </#list>"
while read -r ifname; do
  if [[ $keep != *" $ifname "* ]]; then
    echo "reload.sh: removing tunnel $ifname" >&2
    "$IP" -n "$ns" link del dev "$ifname" 2>/dev/null || ! in_ns "$ifname" || exit 1
    rm -f -- "/run/wireguard/$ifname.sock"
  fi
done < <("$IP" -n "$ns" -o link show | awk -F': ' '$2 ~ /^wg-/ { sub(/@.*/, "", $2); print $2 }')
