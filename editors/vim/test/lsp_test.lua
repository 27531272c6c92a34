-- Neovim's built-in LSP client against `vpnc lsp`: opens a .vpn file with a typo and waits for
-- the compiler's diagnostic. Run by lsp_test.sh (which writes the file):
--   VPNC=/path/to/vpnc VPNC_TEST_FILE=/tmp/x/net.vpn VPNC_TEST_CODE=E0103 \
--     nvim --headless --clean -u NONE -c 'luafile editors/vim/test/lsp_test.lua'
-- Exits 0 when a diagnostic with that code arrives within 60 s, 1 otherwise (and 2 when the
-- client does not start). Works with Neovim 0.7 (vim.lsp.start_client) and later.
local vpnc = os.getenv('VPNC') or 'vpnc'
local file = assert(os.getenv('VPNC_TEST_FILE'), 'VPNC_TEST_FILE: the .vpn file to open')
local want = os.getenv('VPNC_TEST_CODE') or 'E0103'

local function finish(code, msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
  vim.cmd('cquit ' .. code)
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  vim.bo.filetype = 'vpn'
  local buf = vim.api.nvim_get_current_buf()
  local root = vim.fn.fnamemodify(file, ':p:h')
  local start = vim.loop.hrtime()
  local client_id = vim.lsp.start_client({
    name = 'vpnc',
    cmd = { vpnc, 'lsp' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'test' } },
  })
  if not client_id then
    finish(2, 'lsp_test: vim.lsp.start_client failed for ' .. vpnc .. ' lsp')
    return
  end
  vim.lsp.buf_attach_client(buf, client_id)

  local found
  local arrived = vim.wait(60000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == want then
        found = d
        return true
      end
    end
    return false
  end, 100)
  local ms = (vim.loop.hrtime() - start) / 1e6
  local all = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(all, string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, tostring(code),
      (d.message:gsub('\n.*', ''))))
  end
  local client = vim.lsp.get_client_by_id(client_id)
  if client then client.stop() end
  if arrived then
    finish(0, string.format('lsp_test: ok: %s at %d:%d "%s" (%.0f ms after start)', want,
      found.lnum + 1, found.col + 1, (found.message:gsub('\n.*', '')), ms))
  else
    finish(1, string.format('lsp_test: FAIL: no %s within 60 s; diagnostics: [%s]', want,
      table.concat(all, '; ')))
  end
end)
if not ok then
  finish(3, 'lsp_test: error: ' .. tostring(err))
end
