import type { Finding } from './finding.js';

/** `replace` puts `[ENTITY]` (or a vault placeholder) in place of a value; `mask` puts asterisks. */
export type RedactStyle = 'replace' | 'mask';

/** Placeholders put in for values, to put the values back into an answer later. */
export type Vault = Map<string, string>;

/**
 * Replaces each finding's span: with `[ENTITY]`, with `*` of the same length (`mask`), or, when a vault
 * is given, with a numbered placeholder `[ENTITY_n]` whose value the vault keeps. The same value gets
 * the same placeholder throughout. Findings must not overlap.
 */
export function redact<F extends Finding>(
  text: string,
  findings: readonly F[],
  style: RedactStyle | ((finding: F) => RedactStyle),
  vault?: Vault,
): string {
  if (findings.length === 0) return text;
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const finding of sorted) {
    const value = text.slice(finding.start, finding.end);
    const chosen = typeof style === 'function' ? style(finding) : style;
    out += text.slice(at, finding.start) + replacement(finding.entity, value, chosen, vault);
    at = finding.end;
  }
  return out + text.slice(at);
}

function replacement(entity: string, value: string, style: RedactStyle, vault: Vault | undefined): string {
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

/** The reverse of `restore`: puts placeholders back in place of the vault's values, for text to be stored. */
export function conceal(text: string, vault: Vault): string {
  let out = text;
  for (const [placeholder, value] of vault) out = out.split(value).join(placeholder);
  return out;
}
