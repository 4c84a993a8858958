import { createHash } from 'node:crypto';

/** SHA-256 over a document's text, title and metadata: equal hashes mean nothing to re-index. */
export function contentHash(document: {
  text: string;
  title: string | null;
  metadata: Record<string, unknown>;
}): string {
  return createHash('sha256')
    .update(document.title ?? '')
    .update('\u0000')
    .update(stableJson(document.metadata))
    .update('\u0000')
    .update(document.text)
    .digest('hex');
}

/** JSON with object keys sorted at every depth, so equal metadata always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
