#!/usr/bin/env bash
# Runs every test. As root, first installs the real tools the tests judge the output with
# (BIRD 2, wg, wireguard-go, shellcheck, systemd-analyze, iproute2, headless Chromium and the
# DejaVu fonts it draws the topology picture with, debootstrap for the release test, neovim for
# the editor test of the language server, promtool for status.sh's metrics, FRR and its
# frr-reload.py for the FRR target) when any is missing. Last, the release is built and
# installed where there is no JDK (see the end).
# Without them (not root), the real-tool tests are skipped locally; in CI (CI=true) they fail.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

packages=(bird2 wireguard-tools wireguard-go nftables shellcheck systemd iproute2 iputils-ping chromium fonts-dejavu-core ansible-core strace zsh fish debootstrap unzip neovim prometheus frr frr-pythontools)
tools=(bird wg wireguard-go shellcheck systemd-analyze ip ping chromium ansible-playbook strace zsh fish debootstrap unzip nvim promtool vtysh)
missing=0
for t in "${tools[@]}"; do
  command -v "$t" >/dev/null 2>&1 || missing=1
done
[ -x /usr/lib/frr/frr-reload.py ] || missing=1
if [ "$missing" = 1 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # --no-install-recommends: wireguard-tools would otherwise pull a 107 MB kernel image.
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  else
    echo "test.sh: some real tools are missing and this is not root: those tests will be skipped" >&2
  fi
fi

# BIRD 1.6 (the legacy target): Debian's bird 1.6.8 conflicts with bird2, so its package is only
# unpacked, outside the system, for the tests to parse generated bird.conf/bird6.conf with it
# (bird -p / bird6 -p). In CI or as root; elsewhere those tests are skipped when it is absent.
export VPNC_BIRD16_DIR=${VPNC_BIRD16_DIR:-$HOME/.cache/vpnc/bird16}
if [ ! -x "$VPNC_BIRD16_DIR/usr/sbin/bird6" ] && { [ "${CI:-}" = true ] || [ "$(id -u)" = 0 ]; }; then
  deb_dir=$(mktemp -d)
  if ! (cd "$deb_dir" && apt-get download bird >/dev/null 2>&1); then
    [ "$(id -u)" = 0 ] && apt-get update -qq
    (cd "$deb_dir" && apt-get download bird >/dev/null)
  fi
  mkdir -p "$VPNC_BIRD16_DIR"
  dpkg-deb -x "$deb_dir"/bird_*.deb "$VPNC_BIRD16_DIR"
  rm -rf -- "$deb_dir"
  "$VPNC_BIRD16_DIR/usr/sbin/bird6" --version
fi

# Editors: the TextMate grammar's tests (vscode-tmgrammar-test, the real tokenizer) and the VS Code
# .vsix build, with the tools pinned in editors/vscode/package-lock.json. Needs Node.js 20+ and npm:
# skipped locally without them; in CI (CI=true) that is a failure. They run beside Maven (npm ci
# is mostly downloads: 40 s of the suite's wall time when run first); their output is printed,
# and their failure fails the run, once Maven is done. The language-server tests (npm run
# test:lsp: ./vpnc lsp driven over stdio, and by headless Neovim when nvim is installed) run after
# Maven: they need target/vpnc.jar, which `mvn verify` rebuilds (the launcher building it beside
# Maven would clean target/ under it).
editor_pid=
editor_log=$(mktemp)
# In a process group of their own (setsid), ended as a group if this script ends first.
trap '[ -n "$editor_pid" ] && kill -- -"$editor_pid" 2>/dev/null; rm -f -- "$editor_log"' EXIT
if command -v npm >/dev/null 2>&1; then
  (cd editors/vscode && exec setsid bash -c 'npm ci --no-audit --no-fund && npm run test:grammar && npm run package') >"$editor_log" 2>&1 &
  editor_pid=$!
elif [ "${CI:-}" = true ]; then
  echo "test.sh: npm is missing: the editor tests and the .vsix build cannot run" >&2
  exit 1
else
  echo "test.sh: npm is missing: the editor tests and the .vsix build are skipped" >&2
fi

mvn_status=0
mvn -B -ntp verify "$@" || mvn_status=$?
editor_status=0
if [ -n "$editor_pid" ]; then
  wait "$editor_pid" || editor_status=$?
  editor_pid=
  echo "--- editors (npm ci, npm run test:grammar, npm run package): exit $editor_status"
  cat -- "$editor_log"
fi
if [ "$mvn_status" != 0 ]; then
  exit "$mvn_status"
fi
if command -v npm >/dev/null 2>&1 && [ "$editor_status" = 0 ]; then
  echo "--- editors: language server (npm run test:lsp)"
  (cd editors/vscode && npm run test:lsp) || editor_status=$?
fi

# The release (scripts/release.sh: a tarball with its own runtime, a .deb) made from this clone's
# HEAD, then installed into a Debian root with no JDK and run (scripts/release-test.sh). As root
# (chroot, dpkg) with a JDK 25 for the runtime; in CI both are required.
release_status=0
jdk25=${RELEASE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ "$(id -u)" = 0 ] && [ -x "$jdk25/bin/jlink" ]; then
  release_dir=$(mktemp -d -t vpnc-release.XXXXXX)
  echo "--- release: scripts/release.sh, then scripts/release-test.sh"
  { bash scripts/release.sh "$release_dir" && bash scripts/release-test.sh "$release_dir"; } || release_status=$?
  rm -rf -- "$release_dir"
elif [ "${CI:-}" = true ]; then
  echo "test.sh: the release test needs root and a JDK 25 at $jdk25" >&2
  release_status=1
else
  echo "test.sh: not root or no JDK 25: the release test is skipped" >&2
fi
[ "$editor_status" != 0 ] && exit "$editor_status"
exit "$release_status"
