import { createRedisLimiter } from './redis-limiter.js';
import { limiterContract } from './testing/limiter-contract.js';
import { connectTestRedis, randomPrefix } from './testing/redis.js';

limiterContract('redis limiter', async () => {
  const connected = await connectTestRedis();
  return 'skip' in connected
    ? connected
    : createRedisLimiter(connected.redis, { prefix: randomPrefix(), leaseMs: 60_000 });
});
