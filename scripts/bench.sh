#!/usr/bin/env bash
# Benchmark: compiles the reference network and generated networks (full meshes, hub-and-spoke), and writes
# bench/results.csv and its plot bench/results.svg. Usage:
#   scripts/bench.sh                 # reference mesh-10 mesh-50 mesh-100 hub-500, 5 runs each
#   RUNS=3 scripts/bench.sh reference mesh-10
# Cases are KIND-SIZE for dev.vpnc.bench.NetworkGenerator (mesh-N: N sites x 2 gateways, hub-N: the
# same with sites s1 and s2 as hubs), or
# `reference` (examples/reference/net.vpn). Each figure is the median of RUNS runs; the CSV keeps
# the min and max wall time too, because this machine may be shared.
# VPNC overrides the command measured (default: the ./vpnc launcher, JVM start included).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
runs=${RUNS:-5}
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(reference mesh-10 mesh-50 mesh-100 hub-500)
vpnc=${VPNC:-$root/vpnc}
csv=${CSV:-$root/bench/results.csv}
work=$(mktemp -d "${TMPDIR:-/tmp}/vpnc-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (Debian package time)" >&2; exit 2; }

"$vpnc" --help >/dev/null   # builds the jar first when the launcher needs to

# median and spread of a column of numbers: prints "median min max"
stats() { sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%s %s %s\n", m, v[1], v[NR]}'; }
# seconds of a command's wall time, to the millisecond
timed() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); awk -v d=$((t1 - t0)) 'BEGIN {printf "%.3f", d / 1e9}'; }

echo "case,tunnels,files,bytes,wall_s,wall_min_s,wall_max_s,cpu_s,peak_rss_mib,cp_s,ratio_to_cp,recompile_s,recompile_files_written,runs" > "$csv"
printf '%-10s %8s %7s %10s %8s %13s %7s %8s %7s %6s %9s %7s\n' case tunnels files MiB wall_s "(min-max)" cpu_s rss_MiB cp_s ratio recomp_s written
for c in "${cases[@]}"; do
  dir=$work/$c
  mkdir -p "$dir"
  if [ "$c" = reference ]; then
    cp "$root/examples/reference/net.vpn" "$root/examples/reference/vpnc.lock" "$dir/"
  else
    java "$root/src/test/java/dev/vpnc/bench/NetworkGenerator.java" "${c%-*}" "${c##*-}" > "$dir/net.vpn"
  fi
  # First compile: creates the keys and the lock; not measured (key creation happens once).
  "$vpnc" compile "$dir/net.vpn" -o "$dir/out" >/dev/null
  walls=() cpus=() rsss=() cps=() recs=()
  for ((i = 0; i < runs; i++)); do
    rm -rf "$dir/out" "$dir/copy"
    sync
    /usr/bin/time -o "$dir/time" -f '%e %U %S %M' "$vpnc" compile "$dir/net.vpn" -o "$dir/out" >/dev/null
    read -r e u s m < "$dir/time"
    walls+=("$e"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"); rsss+=("$m")
    sync
    cps+=("$(timed cp -r "$dir/out" "$dir/copy")")
    touch "$dir/stamp"
    recs+=("$(timed "$vpnc" compile "$dir/net.vpn" -o "$dir/out")")
    # Files the recompile wrote: any file newer than the stamp (unchanged ones keep their mtime).
    written=$(find "$dir/out" -type f -newer "$dir/stamp" | wc -l)
    [ "$written" -eq 0 ] || echo "bench: $c: a recompile with nothing changed wrote $written files" >&2
  done
  files=$(find "$dir/out" -type f | wc -l)
  bytes=$(find "$dir/out" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  tunnels=$(( $(find "$dir/out" -path '*/wireguard/*.conf' | wc -l) / 2 ))
  read -r wall wmin wmax < <(printf '%s\n' "${walls[@]}" | stats)
  read -r cpu _ _ < <(printf '%s\n' "${cpus[@]}" | stats)
  read -r rss _ _ < <(printf '%s\n' "${rsss[@]}" | stats)
  read -r cpt _ _ < <(printf '%s\n' "${cps[@]}" | stats)
  read -r rec _ _ < <(printf '%s\n' "${recs[@]}" | stats)
  rssm=$((rss / 1024))
  ratio=$(awk -v a="$wall" -v b="$cpt" 'BEGIN {printf "%.2f", a / b}')
  echo "$c,$tunnels,$files,$bytes,$wall,$wmin,$wmax,$cpu,$rssm,$cpt,$ratio,$rec,$written,$runs" >> "$csv"
  printf '%-10s %8s %7s %10.1f %8s %13s %7s %8s %7s %6s %9s %7s\n' "$c" "$tunnels" "$files" \
    "$(awk -v b="$bytes" 'BEGIN {print b / 1048576}')" "$wall" "($wmin-$wmax)" "$cpu" "$rssm" "$cpt" "$ratio" "$rec" "$written"
done
python3 "$root/bench/plot.py" "$csv" "${csv%.csv}.svg"
echo "wrote $csv and ${csv%.csv}.svg"
