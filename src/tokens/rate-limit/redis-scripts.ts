// The Lua side of the Redis limiter. Each script runs atomically, so replicas sharing one Redis see one
// count. The clock is Redis's own (TIME), so replicas with skewed clocks still agree.

/** Shared helpers: the server clock in milliseconds and the GCRA verdict of one window. */
const prelude = `
local period = 60000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function gcra(key, limit, cost)
  local interval = period / limit
  local units = math.min(cost, limit)
  local start = math.max(tonumber(redis.call('GET', key) or '0'), now)
  local nextTat = start + units * interval
  local allowed = nextTat - now <= period
  local held = start
  if allowed then held = nextTat end
  local remaining = math.max(0, math.floor((period - (held - now)) / interval))
  local retry = 0
  if not allowed then retry = nextTat - period - now end
  return allowed, nextTat, math.ceil(retry), remaining, math.ceil(held - now)
end
`;

/**
 * KEYS: requests TAT, tokens TAT, concurrency lease set. ARGV: requests/min, tokens/min, concurrent
 * (0 = none), tokens, lease id, lease lifetime ms. Returns {admitted, refused kind (0 none, 1 requests,
 * 2 tokens, 3 concurrent), retry ms, then limit/remaining/reset of requests, tokens, and concurrent}.
 */
export const acquireScript = `${prelude}
local rpm, tpm, conc = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local result = {1, 0, 0, rpm, 0, 0, tpm, 0, 0, conc, 0, 0}
local okR, tatR, okT, tatT = true, 0, true, 0
if conc > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  local running = redis.call('ZCARD', KEYS[3])
  result[11] = math.max(0, conc - running - 1)
  if running >= conc then
    result[11] = 0
    result[1], result[2], result[3] = 0, 3, 1000
  end
end
if rpm > 0 then
  local retry
  okR, tatR, retry, result[5], result[6] = gcra(KEYS[1], rpm, 1)
  if not okR and result[1] == 1 then result[1], result[2], result[3] = 0, 1, retry end
end
if tpm > 0 then
  local retry
  okT, tatT, retry, result[8], result[9] = gcra(KEYS[2], tpm, tonumber(ARGV[4]))
  if not okT and result[1] == 1 then result[1], result[2], result[3] = 0, 2, retry end
end
if result[1] == 0 then return result end
if rpm > 0 then redis.call('SET', KEYS[1], string.format('%.3f', tatR), 'PX', math.ceil(tatR - now) + 1000) end
if tpm > 0 then redis.call('SET', KEYS[2], string.format('%.3f', tatT), 'PX', math.ceil(tatT - now) + 1000) end
if conc > 0 then
  local expires = now + tonumber(ARGV[6])
  redis.call('ZADD', KEYS[3], string.format('%d', expires), ARGV[5])
  redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[6]))
end
return result
`;

/**
 * KEYS: tokens TAT, concurrency lease set. ARGV: tokens/min (0 = none), token correction (actual minus
 * reserved, may be negative), lease id (empty = none). Frees the lease and moves the TAT by the correction.
 */
export const releaseScript = `${prelude}
if ARGV[3] ~= '' then redis.call('ZREM', KEYS[2], ARGV[3]) end
local tpm, delta = tonumber(ARGV[1]), tonumber(ARGV[2])
if tpm <= 0 or delta == 0 then return 0 end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat <= now and delta < 0 then return 0 end
local corrected = math.max(math.max(tat, now) + delta * period / tpm, now)
if corrected <= now then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], string.format('%.3f', corrected), 'PX', math.ceil(corrected - now) + 1000)
end
return 1
`;
