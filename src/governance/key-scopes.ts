import { BlockList, isIP } from 'node:net';
import type { Principal } from '../core/types.js';

/** A key's scopes as its metadata holds them: which models, from where, until when, with which tags. */
export interface KeyScopes {
  /** Model names, aliases or route names the key may call; `*` ends a prefix (`openai/*`). */
  models?: readonly string[];
  /** Addresses or CIDR ranges the key may be used from. */
  allowedIps?: readonly string[];
  /** ISO timestamp after which the key no longer authenticates. */
  expiresAt?: string;
  /** Tags every call of the key is attributed with, beside the request's own. */
  tags?: readonly string[];
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** The scopes in a key's metadata (`models`, `allowed_ips`, `expires_at`, `tags`); absent ones stay absent. */
export function keyScopesOf(metadata: Record<string, unknown>): KeyScopes {
  const models = strings(metadata.models);
  const allowedIps = strings(metadata.allowed_ips);
  const tags = strings(metadata.tags);
  const expiresAt = typeof metadata.expires_at === 'string' ? metadata.expires_at : undefined;
  return {
    ...(models && { models }),
    ...(allowedIps && { allowedIps }),
    ...(expiresAt && { expiresAt }),
    ...(tags && { tags }),
  };
}

/** True when a key with these scopes has expired at `now`. */
export function expired(scopes: KeyScopes, now = Date.now()): boolean {
  return scopes.expiresAt !== undefined && Date.parse(scopes.expiresAt) <= now;
}

/** True when `model` (as the client named it) is one the principal may call. */
export function modelAllowed(principal: Principal, model: string): boolean {
  const patterns = principal.models;
  if (patterns === undefined) return true;
  return patterns.some((pattern) =>
    pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : pattern === model,
  );
}

/** An address or CIDR range (`10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1`), or undefined when malformed. */
export function parseRange(
  text: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', bits] = text.split('/');
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits)))
    return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

// A principal is cached for seconds and checked on every request, so its list is compiled once.
const compiled = new WeakMap<readonly string[], BlockList>();

/** True when a call from `ip` may use the principal's key. */
export function ipAllowed(principal: Principal, ip: string): boolean {
  const ranges = principal.allowedIps;
  if (ranges === undefined) return true;
  let list = compiled.get(ranges);
  if (list === undefined) {
    list = new BlockList();
    for (const text of ranges) {
      const range = parseRange(text);
      if (range) list.addSubnet(range.address, range.prefix, range.family);
    }
    compiled.set(ranges, list);
  }
  // A client on IPv4 reached over a dual-stack socket shows as `::ffff:a.b.c.d`.
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return isIP(plain) !== 0 && list.check(plain, family);
}
