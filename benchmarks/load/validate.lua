-- validate: POST …/self-assessment/validate by each unit's staff in turn, with every answer of the sheet as unsaved
-- changes over the stored (complete) draft: the engine scores the whole self-evaluation and runs the checklist.
package.path = os.getenv("LOAD_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local body
common.round_robin(function(u)
  body = body or common.read("validate.json")
  return wrk.format("POST", common.draft_path(u, "/validate"),
    { ["Authorization"] = "Bearer " .. u.token, ["Content-Type"] = "application/json" }, body)
end)
