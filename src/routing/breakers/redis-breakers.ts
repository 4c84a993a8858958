import { Redis } from 'ioredis';
import { runScript } from '../../store/redis-script.js';
import type { BreakerState, BreakerStore } from './breaker-store.js';

// Redis' own clock, so replicas on different machines agree on when a breaker reopens.
const clock = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] the breaker hash; ARGV cooldown ms. Returns {state 0 closed|1 half-open|2 open, failures}. */
const allowScript = `${clock}
local opened = tonumber(redis.call('HGET', KEYS[1], 'open_until') or '0')
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
if opened == 0 then return {0, failures} end
local probe = tonumber(redis.call('HGET', KEYS[1], 'probe_until') or '0')
if now < opened or now < probe then return {2, failures} end
redis.call('HSET', KEYS[1], 'probe_until', now + tonumber(ARGV[1]))
return {1, failures}`;

/** KEYS[1] the breaker hash; ARGV failures threshold, cooldown ms. */
const failureScript = `${clock}
local opened = tonumber(redis.call('HGET', KEYS[1], 'open_until') or '0')
local cooldown = tonumber(ARGV[2])
if opened ~= 0 and now >= opened then
  redis.call('HSET', KEYS[1], 'open_until', now + cooldown, 'probe_until', 0)
else
  local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
  if opened == 0 and failures >= tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'open_until', now + cooldown) end
end
redis.call('PEXPIRE', KEYS[1], cooldown * 10 + 60000)
return 1`;

const states: readonly BreakerState[] = ['closed', 'half_open', 'open'];

/** Breakers kept in Redis and shared by every replica; one atomic script per check and per failure. */
export function createRedisBreakers(redis: Redis, prefix = 'strata:breaker:'): BreakerStore {
  const keyOf = (key: string) => `${prefix}{${key}}`;
  return {
    async allow(key, settings) {
      const reply = await runScript(redis, allowScript, [keyOf(key)], [settings.cooldownMs]);
      const [state, failures] = Array.isArray(reply) ? reply.map(Number) : [0, 0];
      return { state: states[state ?? 0] ?? 'closed', dirty: (failures ?? 0) > 0 || state !== 0 };
    },
    async success(key) {
      await redis.del(keyOf(key));
    },
    async failure(key, settings) {
      await runScript(redis, failureScript, [keyOf(key)], [settings.failures, settings.cooldownMs]);
    },
    async states() {
      const found: Array<{ key: string; state: BreakerState }> = [];
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      let cursor = '0';
      do {
        const [next, names] = await redis.scan(cursor, 'MATCH', `${prefix}{*}`, 'COUNT', 200);
        cursor = next;
        for (const name of names) {
          const [opened, probe] = (await redis.hmget(name, 'open_until', 'probe_until')).map(Number);
          if (!opened) continue;
          const state = now < opened || now < (probe ?? 0) ? 'open' : 'half_open';
          found.push({ key: name.slice(prefix.length + 1, -1), state });
        }
      } while (cursor !== '0');
      return found;
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** Connects the Redis breakers a gateway shares with its replicas. */
export function connectRedisBreakers(url: string, prefix?: string): BreakerStore {
  return createRedisBreakers(new Redis(url, { maxRetriesPerRequest: 1 }), prefix);
}
