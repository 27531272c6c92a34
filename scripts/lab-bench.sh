#!/usr/bin/env bash
# Lab benchmark: the timing targets that the test suite does not judge (it checks function with
# generous bounds, see LabOnExamplesTest). Runs `vpnc lab up`, `vpnc lab test --rounds ROUNDS`
# (each gateway dies and returns ROUNDS times, in turn) and `vpnc lab down` RUNS times on each
# network, and prints, per figure, the median and the worst of every value:
#   cold start  every site pings every other one, seconds after the up.sh runs start (lab up)
#   failover    longest interruption of any flow through a gateway when it dies
#   fail-back   the network's sessions all up, seconds after the returning gateway's up.sh starts
#   up.sh       how long the returning gateway's up.sh takes
#   return loss echoes lost while a gateway returns (target: 0)
#   CPU load    sessions that went down, echoes lost, and seconds until all are up after the load
#   pauses      the machine's own pauses during the rounds (no process ran: the emulation's host)
# and the lab test's own verdict (its strict targets) per run.
#
# Usage (root, with the lab's tools installed by scripts/test.sh):
#   scripts/lab-bench.sh [RUNS] [NETWORK.vpn ...]      default: 3 runs of examples/reference
#   ROUNDS=N (default 3) deaths and returns of each gateway per run; LOAD=SECONDS (default 30);
#   LOGS=DIR keeps each network's full log there (default: a new folder, named in the output)
# Needs the machine to itself: run nothing else heavy meanwhile (no test suite, no other lab).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

runs=${1:-3}
rounds=${ROUNDS:-3}
load=${LOAD:-30}
shift || true
networks=("$@")
[ ${#networks[@]} -eq 0 ] && networks=(examples/reference/net.vpn)

work=$(mktemp -d)
# Each network's full log (every round, every detail) stays here after the run.
logs=${LOGS:-$(mktemp -d -t lab-bench-logs.XXXXXX)}
mkdir -p "$logs"
cleanup() {
  local n
  for n in "$work"/*/net.vpn; do
    [ -f "$n" ] && ./vpnc lab down "$n" >/dev/null 2>&1
  done
  rm -rf -- "$work"
}
trap cleanup EXIT

./vpnc --version >/dev/null   # builds vpnc once, outside the figures

# The matches of a pattern in the log, one per line; none is no error (a lone gateway has no failover).
values() { grep -oP "$1" "$log" || true; }

# median and worst (max) of the numbers on stdin, one per line
stats() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "-"; exit} m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "median %.3f  worst %.3f  (%d values)\n", m, v[NR], NR}'; }

for net in "${networks[@]}"; do
  name=$(basename "$(dirname "$net")")
  copy="$work/$name"
  mkdir -p "$copy"
  # A scratch copy: its own key store and lock, the example untouched.
  find "$(dirname "$net")" -maxdepth 1 -type f \( -name '*.vpn' -o -name vpnc.lock \) -exec cp {} "$copy/" \;
  log="$logs/$name.log"
  : > "$log"
  verdicts=()
  for i in $(seq 1 "$runs"); do
    echo "== $name: run $i/$runs" >&2
    ./vpnc lab up "$copy/net.vpn" >> "$log" 2>&1 || { echo "lab up failed (run $i), see below" >&2; tail -20 "$log" >&2; exit 1; }
    if ./vpnc lab test "$copy/net.vpn" --rounds "$rounds" --load "$load" >> "$log" 2>&1; then verdicts+=(pass); else verdicts+=(FAIL); fi
    ./vpnc lab down "$copy/net.vpn" >> "$log" 2>&1
  done
  echo "network $name, $runs runs (lab test verdicts: ${verdicts[*]}); log: $log"
  printf '  %-28s ' "cold start (all sites ping)"
  values 'every site pings every other one .* \K[0-9.]+(?= s after the up.sh runs started)' | stats
  printf '  %-28s ' "failover, any gateway (s)"
  values 'round \d+/\d+, \S+: cut \K[0-9.]+(?= s)' | stats
  printf '  %-28s ' "fail-back (s)"
  values 'round \d+/\d+, \S+: .*back in \K[0-9.]+(?= s)' | stats
  printf '  %-28s ' "up.sh of a returning gateway"
  values 'round \d+/\d+, \S+: .*up.sh \K[0-9.]+(?= s)' | stats
  printf '  %-28s ' "echoes lost on return"
  values 'round \d+/\d+, \S+: .* \K[0-9]+(?= lost)' | stats
  grep -oP 'round \d+/\d+, \K\S+(?=:)' "$log" | sort -u | while read -r gw; do
    printf '  %-28s ' "failover $gw (s)"
    values "round \\d+/\\d+, $gw: cut \\K[0-9.]+(?= s)" | stats
  done
  printf '  %-28s ' "CPU load: sessions down"
  values '^(ok   |FAIL ) 7 CPU load.*: \K[0-9]+(?=/[0-9]+ sessions)' | stats
  printf '  %-28s ' "CPU load: echoes lost"
  values '^(ok   |FAIL ) 7 CPU load.* went down, \K[0-9]+(?=/)' | stats
  printf '  %-28s ' "CPU load: all up after (s)"
  values '^(ok   |FAIL ) 7 CPU load.*all up \K[0-9.]+(?= s)' | stats
  # Pauses of the whole machine (lab.StallWatch) during the failover rounds: the emulation's host.
  printf '  %-28s ' "machine pauses in rounds (s)"
  values 'round \d+/\d+, \S+: .*machine paused \K.*' | { grep -oP '[0-9.]+(?= s at)' || true; } | stats
done
