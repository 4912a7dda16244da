-- Drives Neovim's own LSP client (0.7 API: vim.lsp.start_client + buf_attach_client), headless and
-- without plugins, as a user would: open a file, wait for diagnostics, hover, list code actions, apply
-- the preferred quick fix and write the file. Everything seen goes to $RM_OUT as JSON for
-- test/lsp/neovim.test.ts to check. Any error still writes the output and quits (a headless Neovim
-- would otherwise wait forever).
local server, root, file, out = os.getenv("RM_SERVER"), os.getenv("RM_ROOT"), os.getenv("RM_FILE"), os.getenv("RM_OUT")
local report = { published = {}, steps = {} }

local function step(name)
  table.insert(report.steps, name)
end

local function wait_for(what, ms, condition)
  if not vim.wait(ms, condition, 20) then
    error("timed out waiting for " .. what)
  end
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 15000)
  if not responses then
    error(method .. " failed: " .. tostring(err))
  end
  for _, response in pairs(responses) do
    if response.err then
      error(method .. " error: " .. vim.inspect(response.err))
    end
    return response.result
  end
end

local function shown(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message, source = d.source, code = d.code })
  end
  return list
end

local function run()
  vim.cmd("filetype on")
  local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
  local client_id = vim.lsp.start_client({
    name = "responses-migrate",
    cmd = { "node", server, "--stdio" },
    root_dir = root,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        table.insert(report.published, { uri = result.uri, count = #result.diagnostics })
        report.last_published = report.last_published or {}
        report.last_published[result.uri] = result.diagnostics
        return publish(err, result, ctx, config)
      end,
    },
  })
  if not client_id then
    error("vim.lsp.start_client failed")
  end
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  step("attached")

  wait_for("diagnostics", 20000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end)
  report.diagnostics = shown(bufnr)
  report.filetype = vim.bo[bufnr].filetype
  step("diagnostics")

  local first = report.last_published[uri][1]
  report.hover = request(bufnr, "textDocument/hover", { textDocument = { uri = uri }, position = first.range.start })
  step("hover")

  local actions = request(bufnr, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = first.range,
    context = { diagnostics = { first } },
  }) or {}
  report.actions = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(report.actions, { title = action.title, kind = action.kind, preferred = action.isPreferred == true, has_edit = action.edit ~= nil })
    if not chosen and action.kind == "quickfix" and action.isPreferred then
      chosen = action
    end
  end
  if not chosen then
    error("no preferred quick fix among " .. vim.inspect(report.actions))
  end
  step("code actions")

  -- A server that lists actions lazily fills in the edit on codeAction/resolve; Neovim 0.7 declares support.
  if not chosen.edit then
    chosen = request(bufnr, "codeAction/resolve", chosen)
  end
  report.applied = { title = chosen.title, edit = chosen.edit }
  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
  vim.cmd("write")
  step("applied and written")

  -- The edit goes to the server as didChange; its diagnostics come back for the new text.
  local before = #report.diagnostics
  wait_for("diagnostics after the fix", 20000, function()
    return #vim.diagnostic.get(bufnr) < before
  end)
  report.diagnostics_after = shown(bufnr)

  -- Unopened files of the workspace: Neovim keeps their diagnostics on unloaded buffers.
  report.workspace = {}
  local expected = tonumber(os.getenv("RM_WORKSPACE_FILES"))
  wait_for(expected .. " workspace files with diagnostics", 20000, function()
    local files = 0
    for _, other in ipairs(vim.api.nvim_list_bufs()) do
      if other ~= bufnr and #vim.diagnostic.get(other) > 0 then
        files = files + 1
      end
    end
    return files == expected
  end)
  for _, other in ipairs(vim.api.nvim_list_bufs()) do
    if other ~= bufnr then
      report.workspace[vim.api.nvim_buf_get_name(other)] = shown(other)
    end
  end
  step("workspace")

  vim.lsp.stop_client(client_id)
  wait_for("the server to exit", 5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end)
  step("stopped")
end

local ok, err = pcall(run)
report.ok = ok
report.error = ok and vim.NIL or tostring(err)
vim.fn.writefile({ vim.fn.json_encode(report) }, out)
vim.cmd(ok and "qa!" or "cquit! 1")
