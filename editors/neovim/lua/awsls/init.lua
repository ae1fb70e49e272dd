--- awsls for Neovim 0.11+: filetype detection for AWS documents and the `awsls` LSP client config.
---
--- Usage: `require('awsls').setup({ cmd = { '/path/to/awsls', 'serve' }, settings = { ... } })`.
local M = {}

--- @class awsls.Options
--- @field cmd? string[] server command, default `{ 'awsls', 'serve' }`
--- @field filetypes? string[] filetypes to attach to, default all YAML/JSON kinds
--- @field root_markers? string[] files that mark a project root
--- @field settings? table `{ notes = { paths = {...} }, cloudformation = { enable = true }, ... }`
--- @field detect_filetypes? boolean register AWS filetype detection (default true)
--- @field enable? boolean call `vim.lsp.enable('awsls')` (default true)
--- @field on_attach? fun(client: vim.lsp.Client, bufnr: integer)

--- Configures and enables the awsls client.
--- @param opts awsls.Options|nil
function M.setup(opts)
  opts = opts or {}
  if vim.fn.has('nvim-0.11') ~= 1 then
    vim.notify('awsls: Neovim 0.11 or newer is needed', vim.log.levels.ERROR)
    return
  end
  if opts.detect_filetypes ~= false then
    require('awsls.filetypes').register()
  end
  local settings = require('awsls.settings').resolve(opts.settings)
  local config = {
    init_options = settings,
    settings = { awsls = settings },
  }
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers', 'on_attach' }) do
    if opts[key] ~= nil then
      config[key] = opts[key]
    end
  end
  vim.lsp.config('awsls', config)
  if opts.enable ~= false then
    vim.lsp.enable('awsls')
  end
end

return M
