import { StrataError } from '../core/errors.js';
import type { Principal } from '../core/types.js';

/**
 * The knowledge bases a key's metadata grants: `knowledge` as a comma-separated string
 * (`"docs,faq"`) or an array of names; `"*"` grants every base. No entry grants none.
 */
export function knowledgeScopeOf(metadata: Record<string, unknown>): string[] {
  const value = metadata.knowledge;
  const names = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return names
    .filter((name): name is string => typeof name === 'string')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** True when the caller may read the base: the master key and unauthenticated development mode read all. */
export function canReadKnowledge(principal: Principal, kb: string): boolean {
  if (principal.kind !== 'virtual') return true;
  const scope = principal.knowledge ?? [];
  return scope.includes('*') || scope.includes(kb);
}

/** Throws a 403 unless the caller may read the base. */
export function assertCanReadKnowledge(principal: Principal, kb: string): void {
  if (!canReadKnowledge(principal, kb)) {
    throw new StrataError(
      'permission_denied',
      `This key may not read the knowledge base \`${kb}\`; add it to the key's \`knowledge\` metadata.`,
      { param: 'kb' },
    );
  }
}
