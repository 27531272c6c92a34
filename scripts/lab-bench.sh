#!/usr/bin/env bash
# Lab benchmark: the timing targets that the test suite does not judge (it checks function with
# generous bounds, see LabOnExamplesTest). Runs `vpnc lab up`, `vpnc lab test`, `vpnc lab down`
# RUNS times on each network and prints, per figure, the median and the worst of every run:
#   cold start  every site pings every other one, seconds after the emulation starts (lab up)
#   failover    longest interruption of a flow when a gateway dies, per gateway (lab test)
#   fail-back   the returning gateway's sessions all up, seconds after its up.sh starts
#   return loss echoes lost while a gateway returns (target: 0)
# and the lab test's own verdict (strict targets: BFD detection + 50 ms) per run.
#
# Usage (root, with the lab's tools installed by scripts/test.sh):
#   scripts/lab-bench.sh [RUNS] [NETWORK.vpn ...]      default: 5 runs of examples/reference
# Needs the machine to itself: run nothing else heavy meanwhile (no test suite, no other lab).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

runs=${1:-5}
shift || true
networks=("$@")
[ ${#networks[@]} -eq 0 ] && networks=(examples/reference/net.vpn)

work=$(mktemp -d)
cleanup() {
  local n
  for n in "$work"/*/net.vpn; do
    [ -f "$n" ] && ./vpnc lab down "$n" >/dev/null 2>&1
  done
  rm -rf -- "$work"
}
trap cleanup EXIT

./vpnc --version >/dev/null   # builds vpnc once, outside the figures

# median and worst (max) of the numbers on stdin, one per line
stats() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "-"; exit} m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "median %.3f  worst %.3f  (%d values)\n", m, v[NR], NR}'; }

for net in "${networks[@]}"; do
  name=$(basename "$(dirname "$net")")
  copy="$work/$name"
  mkdir -p "$copy"
  # A scratch copy: its own key store and lock, the example untouched.
  find "$(dirname "$net")" -maxdepth 1 -type f \( -name '*.vpn' -o -name vpnc.lock \) -exec cp {} "$copy/" \;
  log="$work/$name.log"
  : > "$log"
  verdicts=()
  for i in $(seq 1 "$runs"); do
    echo "== $name: run $i/$runs" >&2
    ./vpnc lab up "$copy/net.vpn" >> "$log" 2>&1 || { echo "lab up failed (run $i), see below" >&2; tail -20 "$log" >&2; exit 1; }
    if ./vpnc lab test "$copy/net.vpn" >> "$log" 2>&1; then verdicts+=(pass); else verdicts+=(FAIL); fi
    ./vpnc lab down "$copy/net.vpn" >> "$log" 2>&1
  done
  echo "network $name, $runs runs (lab test verdicts: ${verdicts[*]})"
  printf '  %-28s ' "cold start (all sites ping)"
  grep -oP 'every site pings every other one .* at \K[0-9.]+(?= s)' "$log" | stats
  printf '  %-28s ' "failover, any gateway (s)"
  grep -oP '\| cut \K[0-9.]+(?= s)' "$log" | stats
  printf '  %-28s ' "fail-back (s)"
  grep -oP 'back in \K[0-9.]+(?= s)' "$log" | stats
  printf '  %-28s ' "echoes lost on return"
  grep -oP 'back in [0-9.]+ s, \K[0-9]+(?= lost)' "$log" | stats
  grep -oP '4 failover: \K\S+(?= dies)' "$log" | sort -u | while read -r gw; do
    printf '  %-28s ' "failover $gw (s)"
    grep -P "4 failover: $gw dies" "$log" | grep -oP '\| cut \K[0-9.]+(?= s)' | stats
  done
done
