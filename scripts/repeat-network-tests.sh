#!/usr/bin/env bash
# Runs the tests that run networks (dev.vpnc.NetworkSuite: namespaces, every example's lab, reload
# in a lab, lab clean-up) RUNS times in a row, with LOAD CPU-bound processes beside them at normal
# priority (default 0: a quiet machine), and counts the runs that failed. This is how the README's
# "no flaky lab test" figures are measured. Needs root and what scripts/test.sh installs (run it
# once first); extra arguments go to mvn.
#   RUNS=5 LOAD=0 scripts/repeat-network-tests.sh
#   RUNS=2 LOAD=2 scripts/repeat-network-tests.sh
set -uo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." || exit 2
runs=${RUNS:-5}
load=${LOAD:-0}
pids=()
for ((i = 0; i < load; i++)); do
  bash -c 'while :; do :; done' &
  pids+=($!)
done
# Ended by pid whatever ends this script: only the processes it started.
trap '[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null' EXIT
failed=0
for ((r = 1; r <= runs; r++)); do
  log=$(mktemp)
  start=$(date +%s)
  mvn -B -ntp test -Dtest=NetworkSuite "$@" >"$log" 2>&1
  status=$?
  summary=$(grep -E "Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$" "$log" | tail -1 | sed 's/.*Tests run/Tests run/')
  echo "run $r/$runs: exit $status, $(($(date +%s) - start)) s, ${summary:-no summary}; log: $log"
  grep -E "<<< (FAILURE|ERROR)!" "$log" | head -5
  if ((status != 0)); then
    failed=$((failed + 1))
  fi
done
echo "repeat-network-tests: $failed of $runs runs failed, $load busy processes beside them"
((failed == 0))
