#!/usr/bin/env bash
# Start-up benchmark of a release: in one run, interleaved, RUNS times each (wall time of the whole
# process, median and worst):
#   hello     a Java hello-world started as bin/vpnc starts vpnc: the release's runtime, the same
#             flags, an AOT cache of its own (the fastest a Java program starts there: the bar)
#   release   the release's bin/vpnc compiling the reference network (AOT cache)
#   clone     the clone's ./vpnc compiling the same (JDK 17 or JAVA_HOME, CDS archive)
#   hello-17  the same hello-world on the clone's JDK, as the clone's launcher starts Java
# and the ratios release/hello and clone/hello-17. The target: release <= 2.5 x hello.
#
# Usage: scripts/startup-bench.sh RELEASE.tar.gz [RUNS]      (default 20 runs)
# Needs the machine to itself: run nothing else meanwhile.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
tarball=$(readlink -f "$1")
runs=${2:-20}
jdk=${RELEASE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d -t vpnc-startup.XXXXXX)
trap 'rm -rf -- "$work"' EXIT

tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/vpnc-*)
mkdir -p "$work/hello"
cat > "$work/hello/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
EOF
"$jdk/bin/javac" --release 17 -d "$work/hello" "$work/hello/Hello.java"
# A jar: a class folder cannot be in an AOT cache's class path.
"$jdk/bin/jar" --create --file "$work/hello.jar" -C "$work/hello" Hello.class
"$home/runtime/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
  -XX:AOTCacheOutput="$work/hello.aot" -cp "$work/hello.jar" Hello >/dev/null 2>&1
java17=${JAVA_HOME:+$JAVA_HOME/bin/}java
flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1)
"$root/vpnc" --version >/dev/null   # the clone's jar and CDS archive, outside the figures
cp -r "$root/examples/reference" "$work/ref"
# One key store for both compiles (a first compile makes it), and a first run of each, untimed.
"$home/bin/vpnc" compile "$work/ref/net.vpn" -o "$work/out-release" --secrets "$work/secrets" --lock "$work/vpnc.lock" >/dev/null
"$root/vpnc" compile "$work/ref/net.vpn" -o "$work/out-clone" --secrets "$work/secrets" --lock "$work/vpnc.lock" >/dev/null

# Milliseconds of one run of "$@", from bash's own clock (no process around it).
time_ms() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || { echo "startup-bench: failed: $*" >&2; exit 1; }
  local end=$EPOCHREALTIME
  echo $(( (${end/./} - ${start/./}) / 1000 ))
}
declare -A times
for ((i = 0; i < runs; i++)); do
  times[hello]+=" $(time_ms "$home/runtime/bin/java" "${flags[@]}" -XX:AOTCache="$work/hello.aot" -cp "$work/hello.jar" Hello)"
  times[release]+=" $(time_ms "$home/bin/vpnc" compile "$work/ref/net.vpn" -o "$work/out-release" --secrets "$work/secrets" --lock "$work/vpnc.lock")"
  times[clone]+=" $(time_ms "$root/vpnc" compile "$work/ref/net.vpn" -o "$work/out-clone" --secrets "$work/secrets" --lock "$work/vpnc.lock")"
  times[hello-17]+=" $(time_ms "$java17" "${flags[@]}" -cp "$work/hello.jar" Hello)"
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}'; }
worst() { tr ' ' '\n' | grep . | sort -n | tail -1; }
echo "start-up, $runs interleaved runs each, median / worst (ms):"
for k in hello release hello-17 clone; do
  printf '  %-9s %6s / %s\n' "$k" "$(median <<<"${times[$k]}")" "$(worst <<<"${times[$k]}")"
done
ratio() { awk -v a="$(median <<<"${times[$1]}")" -v b="$(median <<<"${times[$2]}")" 'BEGIN {printf "%.2f", a / b}'; }
echo "  release / hello: $(ratio release hello)x (target <= 2.5); clone / hello-17: $(ratio clone hello-17)x"
echo "  archive: $(du -k "$tarball" | cut -f1) KB ($(basename "$tarball"))"
