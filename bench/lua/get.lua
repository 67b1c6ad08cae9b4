-- wrk script: GETs of the paths in a list file (JWKS, discovery), round robin.
--   wrk ... -s get.lua http://127.0.0.1:PORT -- LIST_FILE [EXPECT]
-- LIST_FILE lines: PATH
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

function init(args)
  expect = args[2]
  for _, row in ipairs(read_list(args[1])) do
    table.insert(prepared, wrk.format("GET", row[1]))
  end
  cursor = ((tid or 1) - 1) * math.floor(#prepared / 2)
end
