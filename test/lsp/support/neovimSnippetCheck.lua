-- Run after an init.lua taken from docs/editors.md has opened a file: wait for the diagnostics it
-- should bring, write them to $RM_OUT as JSON, quit (with an error status on any failure).
local out = os.getenv("RM_OUT")
local report = {}
local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
    error("timed out waiting for diagnostics")
  end
  report.clients = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    table.insert(report.clients, client.name)
  end
  report.messages = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(report.messages, d.message)
  end
end)
report.error = ok and vim.NIL or tostring(err)
vim.fn.writefile({ vim.fn.json_encode(report) }, out)
vim.cmd(ok and "qa!" or "cquit! 1")
