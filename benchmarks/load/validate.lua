-- validate: POST …/self-assessment/validate by each unit's staff in turn, with every answer of the sheet as unsaved
-- changes over the stored (complete) draft: the engine scores the whole self-evaluation and runs the checklist.
package.path = os.getenv("LOAD_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local requests, next_request = {}, 0

function init(args)
  local body = common.read("validate.json")
  for i, u in ipairs(common.my_units()) do
    requests[i] = wrk.format("POST", common.draft_path(u, "/validate"),
      { ["Authorization"] = "Bearer " .. u.token, ["Content-Type"] = "application/json" }, body)
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  common.count(status)
end
