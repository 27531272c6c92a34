#!/usr/bin/env bash
# Runs the README's test command while LOAD CPU-bound processes (default 2: one per core here)
# run beside it at normal priority for its whole duration, as on a shared CI runner or a laptop
# doing a build; prints the duration and the test summary. This is how the suite's "passes on a
# busy machine" figure in the README is measured. LOAD=0 measures the quiet machine the same way.
#   scripts/test-under-load.sh [extra mvn arguments]
set -uo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." || exit 2
load=${LOAD:-2}
pids=()
for _ in $(seq 1 "$load"); do
  bash -c 'while :; do :; done' &
  pids+=($!)
done
# Ended by pid whatever ends this script: only the processes it started.
trap '[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null' EXIT
log=$(mktemp)
start=$(date +%s)
bash scripts/test.sh "$@" > "$log" 2>&1
status=$?
end=$(date +%s)
grep -E "Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$|BUILD (SUCCESS|FAILURE)" "$log" | tail -2
grep -E "<<< (FAILURE|ERROR)!" "$log" | head -20
echo "test-under-load: $load busy processes, exit $status, $((end - start)) s; full log: $log"
exit $status
