--- Headless Neovim test of the awsls plugin against the real `awsls serve`.
--- Run: AWSLS_BIN=... AWSLS_PLAIN_FILE=... nvim --headless -u test/init.lua path/to/template.yaml
--- Exits 0 when every check passes, 1 otherwise (via `cquit`).
local plugin_root = vim.fs.dirname(vim.fs.dirname(vim.fs.normalize(debug.getinfo(1, 'S').source:sub(2))))
vim.opt.runtimepath:prepend(plugin_root)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

local WAIT_MS = tonumber(os.getenv('AWSLS_WAIT_MS') or '') or 30000
local failures, passes = 0, 0

local function report(ok, name, detail)
  if ok then
    passes = passes + 1
    io.stdout:write('ok - ' .. name .. '\n')
  else
    failures = failures + 1
    io.stdout:write('not ok - ' .. name .. (detail and (': ' .. detail) or '') .. '\n')
  end
end

--- Runs one named check; an error inside counts as a failure with its message.
local function check(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  report(ok, name, not ok and tostring(err) or nil)
end

local function awsls_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return d.source == 'awsls'
  end, vim.diagnostic.get(bufnr))
end

local function client_for(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'awsls' })[1]
end

--- Cursor position params at the first occurrence of `needle` plus `offset` bytes.
local function params_at(bufnr, client, needle, offset)
  for row, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { row, col - 1 + offset })
      return vim.lsp.util.make_position_params(0, client.offset_encoding)
    end
  end
  error('buffer does not contain ' .. needle)
end

local function request(client, method, params, bufnr)
  local response, err = client:request_sync(method, params, WAIT_MS, bufnr)
  assert(response, method .. ' got no response: ' .. tostring(err))
  assert(not response.err, method .. ' failed: ' .. vim.inspect(response.err))
  return response.result
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local client

  check('a CloudFormation template gets the yaml.cloudformation filetype', function()
    assert(vim.bo[bufnr].filetype == 'yaml.cloudformation', 'filetype is ' .. vim.bo[bufnr].filetype)
  end)

  check('filetype detection: AppSpec, IAM policy, JSON template, plain YAML', function()
    local detect = require('awsls.detect')
    assert(vim.filetype.match({ filename = 'deploy/appspec.yml' }) == 'yaml.appspec')
    assert(vim.filetype.match({ filename = 'appspec.json' }) == 'json.appspec')
    local policy = { '{', '  "Version": "2012-10-17",', '  "Statement": [] ', '}' }
    assert(detect.filetype('policy.json', policy) == 'json.iampolicy')
    local template = { '{', '  "AWSTemplateFormatVersion": "2010-09-09",', '  "Resources": {}', '}' }
    assert(detect.filetype('stack.json', template) == 'json.cloudformation')
    assert(detect.filetype('stack.template', template) == 'json.cloudformation')
    assert(detect.filetype('config.yaml', { 'name: example', 'items: [a, b]' }) == nil)
  end)

  check('the awsls client attaches', function()
    assert(vim.wait(WAIT_MS, function()
      return client_for(bufnr) ~= nil and client_for(bufnr).initialized
    end, 50), 'no awsls client attached within ' .. WAIT_MS .. ' ms')
    client = client_for(bufnr)
    local language_id = client.get_language_id(bufnr, vim.bo[bufnr].filetype)
    assert(language_id == 'yaml', 'languageId sent for yaml.cloudformation is ' .. tostring(language_id))
  end)
  if not client then
    return
  end

  check('awsls reports the unclosed flow sequence on line 10', function()
    vim.wait(WAIT_MS, function()
      return #awsls_diagnostics(bufnr) > 0
    end, 50)
    local found = awsls_diagnostics(bufnr)
    assert(#found > 0, 'no awsls diagnostics')
    assert(vim.iter(found):any(function(d)
      return d.lnum == 9 and d.severity == vim.diagnostic.severity.ERROR
    end), 'no error on line 10: ' .. vim.inspect(found))
  end)

  local hover_text = ''
  check('hover on the resource type names it', function()
    -- The server indexes notes in the background; hover again until they are in (bounded).
    local params = params_at(bufnr, client, 'AWS::S3::Bucket', 4)
    local text = ''
    local deadline = vim.uv.now() + WAIT_MS
    repeat
      local result = request(client, 'textDocument/hover', params, bufnr)
      local contents = result and result.contents
      text = type(contents) == 'string' and contents or (contents and contents.value) or vim.inspect(contents)
      if not text:find('editor-notes-marker', 1, true) then
        vim.wait(200)
      end
    until text:find('editor-notes-marker', 1, true) or vim.uv.now() > deadline
    hover_text = text
    assert(text:find('AWS::S3::Bucket', 1, true), 'hover text: ' .. text)
  end)

  check('hover shows the notes from settings.notes.paths', function()
    assert(hover_text:find('editor-notes-marker', 1, true), 'hover text: ' .. hover_text)
  end)

  check('completion at the resource type offers AWS::S3::Bucket', function()
    local params = params_at(bufnr, client, 'AWS::S3::Bucket', #'AWS::S3::Bucket')
    local result = request(client, 'textDocument/completion', params, bufnr)
    local items = result and (result.items or result) or {}
    local labels = vim.tbl_map(function(item)
      return item.label
    end, items)
    assert(vim.tbl_contains(labels, 'AWS::S3::Bucket'), 'labels: ' .. vim.inspect(vim.list_slice(labels, 1, 20)))
  end)

  check('fixing the error clears the diagnostics', function()
    for row, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local col = line:find('[a, b', 1, true)
      if col then
        vim.api.nvim_buf_set_text(bufnr, row - 1, col - 1, row - 1, col - 1 + #'[a, b', { 'platform' })
      end
    end
    local cleared = vim.wait(WAIT_MS, function()
      return #awsls_diagnostics(bufnr) == 0
    end, 50)
    assert(cleared, 'still: ' .. vim.inspect(awsls_diagnostics(bufnr)))
  end)

  local json_file = os.getenv('AWSLS_JSON_FILE')
  check('a JSON template gets json.cloudformation and a diagnostic for AWS::S3::Buckt', function()
    assert(json_file, 'AWSLS_JSON_FILE is not set')
    vim.cmd.edit(vim.fn.fnameescape(json_file))
    local json = vim.api.nvim_get_current_buf()
    assert(vim.bo[json].filetype == 'json.cloudformation', 'filetype is ' .. vim.bo[json].filetype)
    local found = vim.wait(WAIT_MS, function()
      return vim.iter(awsls_diagnostics(json)):any(function(d)
        return d.lnum == 5
      end)
    end, 50)
    assert(found, 'no awsls diagnostic on line 6: ' .. vim.inspect(awsls_diagnostics(json)))
    local json_client = client_for(json)
    assert(json_client.get_language_id(json, vim.bo[json].filetype) == 'json', 'languageId is not json')
  end)

  check('turning cloudformation.enable off clears the diagnostics', function()
    local json = vim.fn.bufnr(json_file)
    local json_client = client_for(json)
    json_client.settings.awsls.cloudformation.enable = false
    json_client:notify('workspace/didChangeConfiguration', { settings = json_client.settings })
    local cleared = vim.wait(WAIT_MS, function()
      return #awsls_diagnostics(json) == 0
    end, 50)
    assert(cleared, 'still: ' .. vim.inspect(awsls_diagnostics(json)))
  end)

  local plain_file = os.getenv('AWSLS_PLAIN_FILE')
  check('a YAML file that is not an AWS document gets no awsls diagnostics', function()
    assert(plain_file, 'AWSLS_PLAIN_FILE is not set')
    vim.cmd.edit(vim.fn.fnameescape(plain_file))
    local plain = vim.api.nvim_get_current_buf()
    assert(vim.bo[plain].filetype == 'yaml', 'filetype is ' .. vim.bo[plain].filetype)
    assert(vim.wait(WAIT_MS, function()
      return client_for(plain) ~= nil
    end, 50), 'awsls did not attach to the YAML file')
    -- A request round trip plus a pause gives the server time to publish, were it to.
    request(client, 'textDocument/hover', params_at(plain, client, 'name', 1), plain)
    vim.wait(2000)
    local found = awsls_diagnostics(plain)
    assert(#found == 0, vim.inspect(found))
  end)
end

require('awsls').setup({
  cmd = { os.getenv('AWSLS_BIN') or 'awsls', 'serve' },
  settings = { notes = { paths = { os.getenv('AWSLS_NOTES_DIR') } } },
})

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = xpcall(run, debug.traceback)
      if not ok then
        report(false, 'test run', tostring(err))
      end
      io.stdout:write(string.format('%d passed, %d failed\n', passes, failures))
      vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
    end)
  end,
})
