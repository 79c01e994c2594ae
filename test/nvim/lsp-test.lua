-- Neovim (0.7.2+) as a second, independent LSP client of the Kong language server.
-- usage: KONG_SERVER_JS=server/out/server.js nvim --headless --clean -u test/nvim/lsp-test.lua <kong.conf>
-- env:   KONG_CURRENT (2.8), KONG_TARGET (3.10), KONG_NVIM_TIMEOUT_MS (20000),
--        KONG_NVIM_CONFIG = pull (default) | push:
--          pull: the client advertises workspace.configuration (0.7.2 does not by default) and
--                answers the server's workspace/configuration requests, as VS Code does;
--          push: settings only via workspace/didChangeConfiguration (0.7's own capabilities).
-- Diagnostics count only after the server's kong/status says it resolved these versions, so
-- a first check with default settings cannot pass by accident.
-- exit:  0 PASS; 1 diagnostics or hover wrong; 2 nothing received in time / server died.
-- The fixture must contain nginx_optimizations (removed in 3.0), worker_consistency = strict
-- (deprecated value), the typo log_levl, and a valid `database` line.
local function out(s) io.stdout:write(s .. '\n') end
local server = assert(os.getenv('KONG_SERVER_JS'), 'KONG_SERVER_JS not set')
local timeout_ms = tonumber(os.getenv('KONG_NVIM_TIMEOUT_MS') or '20000')
local settings = {
  kong = {
    currentVersion = os.getenv('KONG_CURRENT') or '2.8',
    targetVersion = os.getenv('KONG_TARGET') or '3.10',
    edition = 'oss',
  },
}

-- What must be reported, by property line.
local expectations = {
  { key = 'nginx_optimizations', test = function(d) return d.code == 'removed-property' end, what = 'removed-property' },
  { key = 'worker_consistency', test = function(d) return type(d.code) == 'string' and d.code:find('^deprecated') ~= nil end, what = 'deprecated-*' },
  { key = 'log_levl', test = function(d) return d.code == 'unknown-property' and d.message:find('log_level', 1, true) ~= nil end, what = 'unknown-property naming log_level' },
}
local must_be_clean = { 'database' }

local config_mode = os.getenv('KONG_NVIM_CONFIG') or 'pull'
local config_requests = 0
local status = nil -- last kong/status notification

local finished = false
local function finish(code, msg)
  if finished then return end
  finished = true
  out(msg)
  vim.schedule(function() vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code)) end)
end

local function lookup(section)
  local v = settings
  if section and section ~= '' then
    for part in section:gmatch('[^.]+') do
      if type(v) ~= 'table' then return vim.NIL end
      v = v[part]
    end
  end
  if v == nil then return vim.NIL end
  return v
end

local function line_of(buf, key)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:match('^%s*' .. vim.pesc(key) .. '%s*=') then return i - 1 end
  end
  return nil
end

vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = function() -- the file buffer exists only now
  local buf = vim.api.nvim_get_current_buf()
  local last = nil
  vim.loop.new_timer():start(timeout_ms, 0, vim.schedule_wrap(function()
    if last or status then
      out('last kong/status: ' .. vim.inspect(status))
      for _, d in ipairs(last or {}) do out(string.format('  line %d [%s] %s', d.range.start.line + 1, tostring(d.code), d.message)) end
      finish(1, 'FAIL: expected diagnostics missing after ' .. timeout_ms .. ' ms')
    else
      finish(2, 'FAIL: timeout, no diagnostics received')
    end
  end))

  local function check_hover(client)
    local line = line_of(buf, 'nginx_optimizations')
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = 2 } }
    client.request('textDocument/hover', params, function(err, result)
      if err or not result or not result.contents then return finish(1, 'FAIL: no hover: ' .. vim.inspect(err)) end
      local c = result.contents
      local text = type(c) == 'string' and c or (c.value or vim.inspect(c))
      if text:find('nginx_optimizations', 1, true) then
        finish(0, 'PASS (diagnostics and hover; settings by ' .. config_mode .. ')')
      else
        finish(1, 'FAIL: hover does not name the property: ' .. text)
      end
    end, buf)
  end

  local id = vim.lsp.start_client({
    name = 'kong',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h'),
    settings = settings,
    capabilities = config_mode == 'pull'
        and vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(), { workspace = { configuration = true } })
        or vim.lsp.protocol.make_client_capabilities(),
    on_init = function(client)
      -- 0.7 does not send the settings by itself; the LSP way to push them:
      client.notify('workspace/didChangeConfiguration', { settings = settings })
    end,
    handlers = {
      ['workspace/configuration'] = function(_, result)
        local res = {}
        config_requests = config_requests + 1
        for i, item in ipairs(result.items or {}) do res[i] = lookup(item.section) end
        if os.getenv('KONG_NVIM_DEBUG') then out('workspace/configuration ' .. vim.inspect(result) .. ' -> ' .. vim.inspect(res)) end
        return res
      end,
      ['kong/status'] = function(_, result)
        status = result
        if os.getenv('KONG_NVIM_DEBUG') then out('kong/status ' .. vim.inspect(result)) end
      end,
      ['textDocument/publishDiagnostics'] = function(_, result, ctx)
        if finished or result.uri ~= vim.uri_from_bufnr(buf) then return end
        -- Only diagnostics computed with our settings count.
        if not status or status.current ~= settings.kong.currentVersion or status.target ~= settings.kong.targetVersion then
          if os.getenv('KONG_NVIM_DEBUG') then out('ignoring diagnostics computed for ' .. vim.inspect(status)) end
          return
        end
        local diags = vim.tbl_filter(function(d) return d.source == 'kong' end, result.diagnostics)
        last = diags
        local ok = true
        for _, e in ipairs(expectations) do
          local line = line_of(buf, e.key)
          local hit = false
          for _, d in ipairs(diags) do
            if d.range.start.line == line and e.test(d) then hit = true end
          end
          if not hit then ok = false end
        end
        if not ok then return end -- an earlier check (e.g. before the settings arrived): wait for the next one
        for _, d in ipairs(diags) do out(string.format('line %d [%s] %s', d.range.start.line + 1, tostring(d.code), d.message)) end
        for _, key in ipairs(must_be_clean) do
          local line = line_of(buf, key)
          for _, d in ipairs(diags) do
            if d.range.start.line == line then return finish(1, 'FAIL: finding on valid line ' .. key) end
          end
        end
        if config_mode == 'pull' and config_requests == 0 then
          return finish(1, 'FAIL: the server never asked for workspace/configuration')
        end
        check_hover(vim.lsp.get_client_by_id(ctx.client_id))
      end,
    },
    on_exit = function(code)
      if not finished then vim.schedule(function() finish(2, 'FAIL: server exited with ' .. tostring(code)) end) end
    end,
  })
  if not id then return finish(2, 'FAIL: could not start ' .. server) end
  vim.lsp.buf_attach_client(buf, id)
end })
