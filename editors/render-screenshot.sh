#!/usr/bin/env bash
# Redraws editors/highlighting.png, the README's picture of highlighted .vpn: shiki renders
# examples/reference/net.vpn with the VS Code extension's TextMate grammar to HTML
# (editors/screenshot/, its own pinned package-lock.json), then headless Chromium (Debian's
# `chromium` package: apt-get install chromium fonts-dejavu-core) takes the screenshot.
# Not part of CI. Usage: editors/render-screenshot.sh [FILE.vpn [OUT.png]]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

input=${1:-examples/reference/net.vpn}
output=${2:-editors/highlighting.png}
command -v chromium >/dev/null || { echo "render-screenshot.sh: needs chromium (apt-get install chromium fonts-dejavu-core)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd editors/screenshot && npm ci --no-audit --no-fund >/dev/null)
node editors/screenshot/render.mjs "$input" "$work/page.html" "$input"

# The window fits the file: 15 px monospace at line height 1.45 (about 22 px a line, 9 px a
# column) plus the title and the padding.
lines=$(wc -l <"$input")
columns=$(awk '{ if (length($0) > n) n = length($0) } END { print n }' "$input")
height=$((lines * 22 + 70))
width=$((columns * 9 + 60))

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --force-device-scale-factor=1 \
  --user-data-dir="$work/profile" --window-size="$width,$height" \
  --screenshot="$work/shot.png" "file://$work/page.html" 2>"$work/chromium.log" || {
  cat "$work/chromium.log" >&2
  exit 1
}
cp "$work/shot.png" "$output"
echo "$output: ${width}x${height}"
