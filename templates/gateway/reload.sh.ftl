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
# removed ones are deleted; BIRD takes the new configuration without a restart and keeps it only
# when all its BGP sessions are established. A gateway that is not running gets up.sh.
# Exit status: 0 applied; 1 BGP sessions not established (BIRD's configuration undone).
# Environment: as up.sh (VPNC_SECRETS, VPNC_WG_USERSPACE, VPNC_REALTIME); VPNC_RELOAD_WAIT
# seconds for the sessions (default 30).
set -euo pipefail

<@sh.here/>
secrets=${r"${VPNC_SECRETS:-/etc/vpnc/secrets}"}
IP=${r"${IP:-ip}"}
WG=${r"${WG:-wg}"}
NFT=${r"${NFT:-nft}"}
BIRD=${r"${BIRD:-bird}"}
BIRDC=${r"${BIRDC:-birdc}"}
WG_USERSPACE=${r"${VPNC_WG_USERSPACE:-wireguard-go}"}
ns="${gw.namespace}"
run="${host.runDir}"

in_ns() { "$IP" -n "$ns" link show dev "$1" >/dev/null 2>&1; }
<@sh.birdRunning/>
<@sh.nap/>

if ! "$IP" -n "$ns" link show lo >/dev/null 2>&1 || ! bird_running; then
  echo "reload.sh: ${gw.name} is not running (no namespace $ns or no BIRD): running up.sh" >&2
  exec "$here/up.sh"
fi
if [[ ! -r $secrets/private.key ]]; then
  echo "reload.sh: missing $secrets/private.key" >&2
  exit 1
fi
# Nothing changes when the new BIRD configuration does not even parse.
"$BIRD" -p -c "$here/bird.conf"

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

<@tn.interfaces host/>
<@sh.reloadBird/>

# Tunnels no longer in the bundle (named as vpnc names tunnels), once BIRD has let go of them.
keep=" <#list host.tunnels as tun>${tun.end.ifname} </#list>"
while read -r ifname; do
  if [[ $keep != *" $ifname "* ]]; then
    echo "reload.sh: removing tunnel $ifname" >&2
    "$IP" -n "$ns" link del dev "$ifname" 2>/dev/null || ! in_ns "$ifname" || exit 1
    rm -f -- "/run/wireguard/$ifname.sock"
  fi
done < <("$IP" -n "$ns" -o link show | awk -F': ' '$2 ~ /^wg-/ { sub(/@.*/, "", $2); print $2 }')
