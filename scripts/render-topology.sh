#!/usr/bin/env bash
# Redraws docs/topology.png, the README's picture of the reference example's topology.svg:
# compiles the example (its committed lock, a throwaway key store) into a temporary directory,
# then headless Chromium (Debian's `chromium`, with fonts-dejavu-core) screenshots the SVG at its
# own size. Not part of CI. Usage: scripts/render-topology.sh [EXAMPLE_DIR [OUT.png]]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

example=${1:-examples/reference}
output=${2:-docs/topology.png}
command -v chromium >/dev/null || { echo "render-topology.sh: needs chromium (apt-get install chromium fonts-dejavu-core)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$example"/*.vpn "$work/"
if [ -f "$example/vpnc.lock" ]; then cp "$example/vpnc.lock" "$work/"; fi
./vpnc compile "$work/net.vpn" -o "$work/out" >/dev/null

# The window is the picture: its width and height attributes (whole pixels).
read -r width height < <(sed -n 's/^<svg [^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1 \2/p' "$work/out/topology.svg")

chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --force-device-scale-factor=1 \
  --user-data-dir="$work/profile" --window-size="$width,$height" \
  --screenshot="$work/shot.png" "file://$work/out/topology.svg" 2>"$work/chromium.log" || {
  cat "$work/chromium.log" >&2
  exit 1
}
mkdir -p "$(dirname "$output")"
cp "$work/shot.png" "$output"
echo "$output: ${width}x${height}"
