#!/usr/bin/env bash
# up.sh benchmark: how long a gateway's up.sh takes on a fresh host, for the bundle of a
# baseline revision and of the working tree, measured in the same run, interleaved (old, new,
# old, new...), each run followed by down.sh. The host is a throwaway network, mount and PID
# namespace (private /run, so /run/netns and /run/wireguard are its own; every daemon dies with
# it) with the gateway's uplink and LAN as veth pairs. Prints each run, then the median and worst.
#
# Usage (root; wireguard-go, wg, ip, bird): scripts/up-bench.sh [RUNS] [BASELINE-REV] [GATEWAY]
#   default: 10 runs, baseline HEAD, gateway v1-1 of examples/reference (4 tunnels)
#   NETWORK=examples/four-sites/net.vpn GATEWAY=main-1: another network (main-1 has 5 tunnels)
# Needs the machine to itself: run nothing else heavy meanwhile.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

runs=${1:-10}
base=${2:-HEAD}
network=${NETWORK:-examples/reference/net.vpn}
gateway=${3:-${GATEWAY:-v1-1}}

work=$(mktemp -d)
cleanup() {
  git worktree remove --force "$work/old-tree" >/dev/null 2>&1 || true
  rm -rf -- "$work"
}
trap cleanup EXIT

# Both bundles from one copy of the network and one key store: only the scripts differ.
mkdir -p "$work/net"
cp "$network" "$work/net/net.vpn"
git worktree add --detach "$work/old-tree" "$base" >/dev/null 2>&1
(cd "$work/old-tree" && ./vpnc compile "$work/net/net.vpn" -o "$work/old" --secrets "$work/net/secrets" --lock "$work/net/vpnc.lock") >/dev/null 2>&1
./vpnc compile "$work/net/net.vpn" -o "$work/new" --secrets "$work/net/secrets" --lock "$work/net/vpnc.lock" >/dev/null 2>&1

endpoint=$(awk -v g="$gateway" '$1 == "gateway" && $2 == g { for (i = 1; i <= NF; i++) if ($i == "endpoint") print $(i + 1) }' "$network")
[ -n "$endpoint" ] || { echo "up-bench: no endpoint for $gateway in $network" >&2; exit 2; }

# One fresh host per run: unshare's PID namespace ends every process the run started.
measure() {
  local bundle=$1
  unshare -n -m -p -f --mount-proc --propagation private bash -s "$bundle" "$work/net/secrets/$gateway" "$endpoint" <<'EOF'
set -euo pipefail
bundle=$1 secrets=$2 endpoint=$3
mount -t tmpfs tmpfs /run
ip link set lo up
ip link add eth0 type veth peer name up0
ip link add eth1 type veth peer name lan0
ip addr add "$endpoint/64" dev eth0 nodad
for l in eth0 up0 eth1 lan0; do ip link set "$l" up; done
t0=$EPOCHREALTIME
VPNC_SECRETS=$secrets "$bundle/up.sh" 2>/dev/null
t1=$EPOCHREALTIME
"$bundle/down.sh" >/dev/null 2>&1
echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
EOF
}

stats() { sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %.3f s, worst %.3f s (%d runs)", m, v[NR], NR }'; }

: >"$work/old.times"
: >"$work/new.times"
for ((r = 1; r <= runs; r++)); do
  o=$(measure "$work/old/$gateway")
  n=$(measure "$work/new/$gateway")
  echo "run $r: $base $o s, working tree $n s"
  echo "$o" >>"$work/old.times"
  echo "$n" >>"$work/new.times"
done
echo "up.sh of $gateway ($(find "$work/new/$gateway/wireguard" -name "*.conf" | wc -l) tunnels), fresh host:"
echo "  $base: $(stats <"$work/old.times")"
echo "  working tree: $(stats <"$work/new.times")"
