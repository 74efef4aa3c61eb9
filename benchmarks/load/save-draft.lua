-- save-draft: PATCH …/self-assessment/answers with If-Match, three answers changed at a time (save-a.json and
-- save-b.json alternate, so every save changes the draft and writes an audit entry). Each client works on a unit of
-- its own with that unit's staff token, and sends the ETag its previous save returned: a 412 here means the protocol
-- or the server lost a revision, and is a failure.
--
-- wrk does not say which connection a response belongs to, so units are handed out from a free list: request()
-- takes a free unit, response() finds the unit in the body (DraftResponse's unitId, or the 412 problem's current
-- draft), keeps its new ETag and frees it. A thread has one unit more than it has connections: wrk calls request()
-- once before the run to inspect it (a unit it never sends), so one is always free.
package.path = os.getenv("LOAD_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local units, free, bodies = {}, {}, {}

function init(args)
  bodies[0] = common.read("save-a.json")
  bodies[1] = common.read("save-b.json")
  local etags = {}
  for _, row in ipairs(common.rows("etags.tsv")) do etags[row[1]] = row[2] end
  for _, u in ipairs(common.my_units()) do
    u.etag = assert(etags[u.unit], "no ETag for unit " .. u.unit)
    -- Whichever body the draft does not hold now: a revision is odd after save-a, even after save-b.
    u.variant = tonumber(u.etag:match("%d+")) % 2 == 1 and 0 or 1
    u.path = common.draft_path(u, "/answers")
    units[u.unit] = u
    free[#free + 1] = u
  end
end

function request()
  local u = table.remove(free)
  if u == nil then
    -- Only when responses could not be matched to their unit (already failures): reuse any unit.
    for _, any in pairs(units) do u = any break end
  end
  u.sent = u.etag
  return wrk.format("PATCH", u.path, {
    ["Authorization"] = "Bearer " .. u.token,
    ["Content-Type"] = "application/json",
    ["If-Match"] = u.etag,
  }, bodies[u.variant])
end

function response(status, headers, body)
  common.count(status)
  local id = body:match('"unitId":"([%x%-]+)"')
  local u = id and units[id]
  if u == nil then return end
  if status == 200 then
    local etag = headers["ETag"] or headers["etag"]
    if etag == nil or etag == u.sent then unchanged = unchanged + 1 end
    u.etag = etag or u.etag
    u.variant = 1 - u.variant
  elseif status == 412 then
    u.etag = body:match('"currentETag":"(\\"%d+\\")"') or u.etag
    u.etag = u.etag:gsub('\\"', '"')
  end
  free[#free + 1] = u
end
