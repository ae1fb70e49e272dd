--- Registers filetype detection for CloudFormation/SAM templates, AppSpec files and IAM policies.
--- Detected files get compound filetypes (`yaml.cloudformation`, `json.iampolicy`, ...) so YAML and
--- JSON syntax, indentation and other servers keep working.
local detect = require('awsls.detect')

local M = {}

--- Filetypes produced by the detection, plus the plain ones awsls also serves.
M.FILETYPES = {
  'yaml',
  'json',
  'yaml.cloudformation',
  'json.cloudformation',
  'yaml.appspec',
  'json.appspec',
  'yaml.iampolicy',
  'json.iampolicy',
}

--- Reads the first lines of a buffer if loaded, else of the file on disk.
local function first_lines(path, bufnr)
  if bufnr and vim.api.nvim_buf_is_loaded(bufnr) and vim.api.nvim_buf_line_count(bufnr) > 1 then
    return vim.api.nvim_buf_get_lines(bufnr, 0, detect.SNIFF_LINES, false)
  end
  local lines = {}
  local file = io.open(path, 'r')
  if not file then
    return lines
  end
  for line in file:lines() do
    lines[#lines + 1] = line
    if #lines >= detect.SNIFF_LINES then
      break
    end
  end
  file:close()
  return lines
end

local function sniff(path, bufnr)
  return detect.filetype(path, first_lines(path, bufnr))
end

local registered = false

--- Adds the detection rules (once). They run before Neovim's extension rules and fall back to
--- them when a file is not an AWS document.
function M.register()
  if registered then
    return
  end
  registered = true
  local rule = { sniff, { priority = 10 } }
  vim.filetype.add({
    pattern = {
      ['.*%.[yY][aA]?[mM][lL]'] = rule,
      ['.*%.[jJ][sS][oO][nN]'] = rule,
      ['.*%.template'] = rule,
    },
  })
  -- Tree-sitter highlighting keys on the language, so map the compound filetypes to it.
  for _, filetype in ipairs(M.FILETYPES) do
    local lang = filetype:match('^(%a+)%.')
    if lang then
      pcall(vim.treesitter.language.register, lang, filetype)
    end
  end
end

return M
