-- The ceiling: GET /health/live with a unit's bearer token, through the same middleware as the other scenarios
-- (request logging, exception handler, authentication, which validates the token, authorization) and no endpoint
-- work: what the server and this machine allow before the endpoint does anything.
package.path = os.getenv("LOAD_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local requests, next_request = {}, 0

function init(args)
  for i, u in ipairs(common.my_units()) do
    requests[i] = wrk.format("GET", "/health/live", { ["Authorization"] = "Bearer " .. u.token })
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  common.count(status)
end
