import type { Finding } from './finding.js';

/** Placeholders put in for values, to put the values back into an answer later. */
export type Vault = Map<string, string>;

/**
 * Replaces each finding's span: with `[ENTITY]`, with `*` of the same length (`mask`), or, when a vault
 * is given, with a numbered placeholder `[ENTITY_n]` whose value the vault keeps. The same value gets
 * the same placeholder throughout. Findings must not overlap.
 */
export function redact(
  text: string,
  findings: readonly Finding[],
  style: 'replace' | 'mask',
  vault?: Vault,
): string {
  if (findings.length === 0) return text;
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const finding of sorted) {
    const value = text.slice(finding.start, finding.end);
    out += text.slice(at, finding.start) + replacement(finding.entity, value, style, vault);
    at = finding.end;
  }
  return out + text.slice(at);
}

function replacement(
  entity: string,
  value: string,
  style: 'replace' | 'mask',
  vault: Vault | undefined,
): string {
  if (style === 'mask') return '*'.repeat(value.length);
  if (!vault) return `[${entity}]`;
  for (const [placeholder, kept] of vault) if (kept === value) return placeholder;
  const placeholder = `[${entity}_${vault.size + 1}]`;
  vault.set(placeholder, value);
  return placeholder;
}

/** Puts the vault's values back wherever their placeholders appear. */
export function restore(text: string, vault: Vault): string {
  if (vault.size === 0 || !text.includes('[')) return text;
  let out = text;
  for (const [placeholder, value] of vault) out = out.split(placeholder).join(value);
  return out;
}
