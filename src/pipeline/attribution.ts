import type { Principal } from '../core/types.js';
import { parseTags } from '../store/ledger-row.js';

/** The request fields spend is attributed by. */
export interface Attributed {
  model: string;
  user?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/** Who a call's spend belongs to: the ledger's dimensions and what budgets match on. */
export interface Attribution {
  /** The key id, or `master` / `anonymous` for calls without a virtual key. */
  keyId: string;
  team: string | null;
  user: string | undefined;
  tags: string[];
  feature: string | null;
}

/**
 * A call's attribution. The key's own team wins over `metadata.team`, so a caller cannot move its spend
 * to another team's budget; keys without a team may name one per request.
 */
export function attributionOf(principal: Principal, request: Attributed): Attribution {
  const metadata = request.metadata;
  return {
    keyId: principal.keyId ?? principal.kind,
    team: principal.team ?? metadata?.team ?? null,
    user: request.user,
    tags: parseTags(metadata?.tags),
    feature: metadata?.feature ?? null,
  };
}
