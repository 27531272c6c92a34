#!/usr/bin/env bash
# Headless Neovim (0.7 or later, built-in LSP client) against `vpnc lsp`: a copy of
# examples/reference/net.vpn with `uses edge` misspelt `uses edgee` must get the compiler's
# E0103 (unknown profile) as a diagnostic. Exits 0 when it does.
#   editors/vim/test/lsp_test.sh            # ./vpnc of this clone
#   VPNC=/usr/bin/vpnc editors/vim/test/lsp_test.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
command -v nvim >/dev/null || { echo "lsp_test.sh: nvim not found (apt-get install neovim)" >&2; exit 2; }
export VPNC=${VPNC:-$root/vpnc}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed 's/gateway v1-1 uses edge /gateway v1-1 uses edgee /' "$root/examples/reference/net.vpn" >"$dir/net.vpn"
grep -q 'uses edgee ' "$dir/net.vpn" || { echo "lsp_test.sh: the typo was not made" >&2; exit 2; }
export VPNC_TEST_FILE=$dir/net.vpn VPNC_TEST_CODE=E0103
# The Lua prints its verdict on stdout; timeout: a hung nvim must not hang the suite.
cd "$dir"
timeout 120 nvim --headless --clean -u NONE -i NONE -n -c "luafile $here/lsp_test.lua"
