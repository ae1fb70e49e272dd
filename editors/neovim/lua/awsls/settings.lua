--- The server settings awsls understands, with their defaults.
--- The same table goes to the server as `initializationOptions` and as the `awsls` section of
--- `workspace/configuration`.
local M = {}

--- @return table defaults { notes = { paths }, cloudformation/sam/iam/appspec = { enable } }
function M.defaults()
  return {
    notes = { paths = {} },
    cloudformation = { enable = true },
    sam = { enable = true },
    iam = { enable = true },
    appspec = { enable = true },
  }
end

--- Merges user settings over the defaults and expands `~` in note paths.
--- @param user table|nil
--- @return table
function M.resolve(user)
  local settings = vim.tbl_deep_extend('force', M.defaults(), user or {})
  local paths = {}
  for _, path in ipairs(settings.notes.paths or {}) do
    paths[#paths + 1] = vim.fs.normalize(path)
  end
  settings.notes.paths = paths
  return settings
end

return M
