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
 * Whether a call may name its team in `metadata.team`: the master key and unauthenticated development
 * calls may; a virtual key only when it has no team and `limits.attribution.allow_request_team` is on.
 */
function mayNameTeam(principal: Principal): boolean {
  return principal.kind !== 'virtual' || principal.requestTeam === true;
}

/**
 * A call's attribution. The key's own team wins over `metadata.team`, so a caller cannot move its spend
 * to another team's budget; a key without a team names one per request only where config allows it.
 */
export function attributionOf(principal: Principal, request: Attributed): Attribution {
  const metadata = request.metadata;
  const named = mayNameTeam(principal) ? metadata?.team : undefined;
  return {
    keyId: principal.keyId ?? principal.kind,
    team: principal.team ?? named ?? null,
    user: request.user,
    tags: principal.tags
      ? [...new Set([...principal.tags, ...parseTags(metadata?.tags)])]
      : parseTags(metadata?.tags),
    feature: metadata?.feature ?? null,
  };
}
