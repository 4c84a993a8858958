import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const digests = new Map<string, string>();

/**
 * Runs a Lua script by its SHA-1 digest (computed once per script), sending the script itself only
 * when Redis does not know it yet (after a restart or a flush).
 */
export async function runScript(
  redis: Redis,
  script: string,
  keys: readonly string[],
  args: ReadonlyArray<string | number>,
): Promise<unknown> {
  let digest = digests.get(script);
  if (digest === undefined) {
    digest = createHash('sha1').update(script).digest('hex');
    digests.set(script, digest);
  }
  try {
    return await redis.evalsha(digest, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}
