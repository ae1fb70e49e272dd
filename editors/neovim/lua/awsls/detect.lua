--- Decides which kind of AWS document a file is from its name and first lines.
--- Pure functions: no editor state, so they are easy to test.
local M = {}

--- How many leading lines the content sniff looks at.
M.SNIFF_LINES = 200

local APPSPEC_NAMES = { ['appspec.yml'] = 'yaml', ['appspec.yaml'] = 'yaml', ['appspec.json'] = 'json' }

--- Returns the kind for a CodeDeploy AppSpec file name, or nil.
--- @param name string file name or path
--- @return string|nil format "yaml" or "json"
function M.appspec_format(name)
  local tail = name:match('[^/\\]+$') or name
  return APPSPEC_NAMES[tail:lower()]
end

--- Matches a top-level or quoted key at the start of a line: `Key:` or `"Key":`.
local function has_key(line, key)
  return line:find('^[%s{,]*"?' .. key .. '"?%s*:') ~= nil
end

--- Classifies a document from its first lines.
--- @param lines string[]
--- @return "cloudformation"|"iampolicy"|nil
function M.kind_from_lines(lines)
  local resources, aws_type, version_2012, statement = false, false, false, false
  for _, line in ipairs(lines) do
    if has_key(line, 'AWSTemplateFormatVersion') then
      return 'cloudformation'
    end
    if has_key(line, 'Transform') and line:find('AWS::Serverless', 1, true) then
      return 'cloudformation'
    end
    if has_key(line, 'Resources') then
      resources = true
    end
    if has_key(line, 'Type') and line:find('AWS::%w+::%w+') then
      aws_type = true
    end
    if has_key(line, 'Version') and line:find('20%d%d%-%d%d%-%d%d') then
      version_2012 = true
    end
    if has_key(line, 'Statement') then
      statement = true
    end
  end
  if resources and aws_type then
    return 'cloudformation'
  end
  if version_2012 and statement then
    return 'iampolicy'
  end
  return nil
end

--- Returns the filetype awsls uses for a file, or nil to leave detection to Neovim.
--- @param name string file name or path
--- @param lines string[] first lines of the file
--- @return string|nil filetype such as "yaml.cloudformation" or "json.appspec"
function M.filetype(name, lines)
  local format = name:lower():match('%.(%a+)$')
  if format == 'yml' then
    format = 'yaml'
  elseif format == 'template' then
    local first = ''
    for _, line in ipairs(lines) do
      first = line:match('^%s*(%S)') or ''
      if first ~= '' then
        break
      end
    end
    format = first == '{' and 'json' or 'yaml'
  end
  local appspec = M.appspec_format(name)
  if appspec then
    return appspec .. '.appspec'
  end
  if format ~= 'yaml' and format ~= 'json' then
    return nil
  end
  local kind = M.kind_from_lines(lines)
  return kind and (format .. '.' .. kind) or nil
end

return M
