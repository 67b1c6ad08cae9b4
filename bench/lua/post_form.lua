-- wrk script: form POSTs (token requests, introspections) taken from a list file.
--   wrk ... -s post_form.lua http://127.0.0.1:PORT -- LIST_FILE [EXPECT]
-- LIST_FILE lines: PATH <TAB> AUTHORIZATION-or-"-" <TAB> FORM_BODY
-- EXPECT: substring every 2xx body must contain (e.g. '"active":true'); counted otherwise.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

function init(args)
  expect = args[2]
  for _, row in ipairs(read_list(args[1])) do
    local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
    if row[2] ~= "-" and row[2] ~= "" then
      headers["Authorization"] = row[2]
    end
    table.insert(prepared, wrk.format("POST", row[1], headers, row[3]))
  end
  cursor = ((tid or 1) - 1) * math.floor(#prepared / 2)
end
