#!/usr/bin/env bash
# Installs each artifact of a release into a Debian root that has no JDK (debootstrap, minbase) and
# compiles the reference network with it: the output must be byte-identical to the clone's
# ./vpnc's, from the same key store and lock. The tarball is unpacked under /opt; the .deb is
# installed with dpkg (its completions and man page where bash, zsh, fish and man look), then
# removed, leaving nothing behind. The checksums and the archive's size (<= 50 MB) are checked too.
#
# Usage (root): scripts/release-test.sh RELEASE_DIR        (what scripts/release.sh made)
# The Debian root is made once and kept as a tar file in VPNC_DEBIAN_ROOT (default
# ~/.cache/vpnc/debian-bookworm-minbase.tar), from DEBIAN_MIRROR (default deb.debian.org).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
release=$(readlink -f "$1")
[ "$(id -u)" = 0 ] || { echo "release-test: needs root (chroot, dpkg in the root)" >&2; exit 2; }
cache=${VPNC_DEBIAN_ROOT:-$HOME/.cache/vpnc/debian-bookworm-minbase.tar}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

work=$(mktemp -d -t vpnc-release-test.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
fail() { echo "release-test: FAILED: $*" >&2; exit 1; }

(cd "$release" && sha256sum --quiet -c SHA256SUMS) || fail "checksums"
tarball=$(echo "$release"/vpnc-*-linux-x86_64.tar.gz)
deb=$(echo "$release"/vpnc-compiler_*_amd64.deb)
if [ ! -f "$tarball" ] || [ ! -f "$deb" ]; then fail "no tarball or .deb in $release"; fi
size=$(stat -c %s "$tarball")
[ "$size" -le $((50 * 1024 * 1024)) ] || fail "$(basename "$tarball") is $size bytes, over 50 MB"

if [ ! -f "$cache" ]; then
  echo "release-test: making a Debian root with no JDK (debootstrap --variant=minbase bookworm)" >&2
  mkdir -p "$(dirname "$cache")"
  debootstrap --variant=minbase bookworm "$work/debian" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
  tar -C "$work/debian" -cf "$cache.$$" . && mv -f "$cache.$$" "$cache"
  rm -rf -- "$work/debian"
fi

# A command in the root: its own mount namespace (the /proc the JVM reads vanishes with it), a
# clean environment, the root's PATH.
in_root() {
  local r=$1
  shift
  # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
  unshare --mount --fork -- sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$r" \
    env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C.UTF-8 "$@"
}

# The clone's output: the reference network with a fresh key store and lock, both then copied into
# each root so that the installed vpnc finds the same keys and allocations.
cp -r "$root/examples/reference" "$work/ref"
"$root/vpnc" compile "$work/ref/net.vpn" -o "$work/clone-out" --secrets "$work/secrets" --lock "$work/vpnc.lock" >/dev/null

for artifact in tarball deb; do
  r=$work/root-$artifact
  mkdir -p "$r"
  tar -C "$r" -xf "$cache"
  if [ -e "$r/usr/lib/jvm" ] || in_root "$r" sh -c 'command -v java' >/dev/null; then fail "the root has a JDK"; fi
  mkdir -p "$r/work"
  cp -r "$work/ref" "$work/secrets" "$work/vpnc.lock" "$r/work/"
  if [ "$artifact" = tarball ]; then
    mkdir -p "$r/opt"
    tar -xzf "$tarball" -C "$r/opt"
    vpnc=$(cd "$r" && echo opt/vpnc-*/bin/vpnc)
    vpnc=/$vpnc
  else
    cp "$deb" "$r/tmp/vpnc.deb"
    in_root "$r" dpkg -i /tmp/vpnc.deb > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail ".deb: dpkg -i"; }
    vpnc=vpnc
    for f in /usr/bin/vpnc /usr/share/bash-completion/completions/vpnc /usr/share/zsh/vendor-completions/_vpnc \
             /usr/share/fish/vendor_completions.d/vpnc.fish /usr/share/man/man1/vpnc.1.gz \
             /usr/share/doc/vpnc-compiler/copyright; do
      [ -e "$r$f" ] || fail ".deb: $f is not installed"
    done
    # What bash does on TAB, with the installed script: a subcommand, then an option.
    # shellcheck disable=SC2016 # for the root's bash
    words=$(in_root "$r" bash -c 'source /usr/share/bash-completion/completions/vpnc 2>/dev/null
      t() { COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
            _complete_vpnc vpnc "${!#}" "${COMP_WORDS[$#-2]}" 2>/dev/null; echo "${COMPREPLY[*]}"; }
      t vpnc compi; t vpnc compile --sec' | tr '\n' ' ')
    [ "$words" = "compile --secrets " ] || fail ".deb: bash completed '$words', not 'compile --secrets'"
    zcat "$r/usr/share/man/man1/vpnc.1.gz" | grep -q '^\.SS "vpnc compile"' || fail ".deb: the man page has no compile section"
    # Nothing of the JVM's (a log line such as "[0.06s][error][aot] ...") in what vpnc printed.
    if zcat "$r/usr/share/man/man1/vpnc.1.gz" | cat - "$r/usr/share/bash-completion/completions/vpnc" \
        "$r/usr/share/zsh/vendor-completions/_vpnc" "$r/usr/share/fish/vendor_completions.d/vpnc.fish" \
        | grep -q '^\[[0-9.]*s\]\['; then
      fail ".deb: a JVM message in the man page or a completion script"
    fi
  fi
  version=$(in_root "$r" "$vpnc" --version) || fail "$artifact: $vpnc --version"
  [[ $version == "vpnc "*" (commit "* ]] || fail "$artifact: --version printed '$version'"
  in_root "$r" "$vpnc" compile /work/ref/net.vpn -o /work/out --secrets /work/secrets --lock /work/vpnc.lock \
    > "$work/compile.log" 2>&1 || { cat "$work/compile.log" >&2; fail "$artifact: compile"; }
  diff -r "$work/clone-out" "$r/work/out" > "$work/diff" || { head -40 "$work/diff" >&2; fail "$artifact: output differs from the clone's"; }
  files=$(find "$r/work/out" -type f | wc -l)
  echo "release-test: $artifact ($version): compiled the reference network in a root with no JDK, $files files, identical to the clone's" >&2
  if [ "$artifact" = deb ]; then
    in_root "$r" dpkg --purge vpnc-compiler > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail ".deb: dpkg --purge"; }
    if [ -e "$r/usr/lib/vpnc" ] || [ -e "$r/usr/bin/vpnc" ]; then fail ".deb: files left after dpkg --purge"; fi
    echo "release-test: deb: dpkg --purge left nothing behind" >&2
  fi
  rm -rf -- "$r"
done
echo "release-test: both artifacts pass" >&2
