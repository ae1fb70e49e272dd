--- Default client configuration for awsls, found by `vim.lsp.enable('awsls')` (Neovim 0.11+).
--- `require('awsls').setup()` layers the user's options on top of it.
return {
  cmd = { 'awsls', 'serve' },
  filetypes = require('awsls.filetypes').FILETYPES,
  root_markers = { 'samconfig.toml', '.git' },
  -- Compound filetypes such as `yaml.cloudformation` are sent as their base language.
  get_language_id = function(_, filetype)
    return filetype:match('^[^.]+') or filetype
  end,
  init_options = require('awsls.settings').defaults(),
  settings = { awsls = require('awsls.settings').defaults() },
}
