-- The ceiling: GET /health/live with a unit's bearer token, through the same middleware as the other scenarios
-- (request logging, exception handler, authentication, which validates the token, authorization) and no endpoint
-- work: what the server and this machine allow before the endpoint does anything.
package.path = os.getenv("LOAD_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

common.round_robin(function(u)
  return wrk.format("GET", "/health/live", { ["Authorization"] = "Bearer " .. u.token })
end)
