// Neovim's built-in LSP client against `vpnc lsp` (editors/vim/test/lsp_test.sh): skipped when
// nvim is not installed (Debian: apt-get install neovim).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const script = path.resolve(__dirname, '..', '..', 'vim', 'test', 'lsp_test.sh');
const hasNvim = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;

test('Neovim gets the E0103 diagnostic from vpnc lsp', { skip: hasNvim ? false : 'nvim not installed', timeout: 180000 }, () => {
  const r = spawnSync(script, [], { encoding: 'utf8', timeout: 150000 });
  console.log((r.stdout || '').trim());
  assert.strictEqual(r.status, 0, `lsp_test.sh exited ${r.status}\n${r.stdout}\n${r.stderr}`);
});
