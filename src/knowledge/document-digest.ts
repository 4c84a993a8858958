import { contentHash } from './ingest/content-hash.js';

/** A document's text as stored (control characters removed) and the hash that says if it changed. */
export interface DocumentDigest {
  text: string;
  hash: string;
}

// Control characters (\p{Cc}: U+0000–U+001F, U+007F–U+009F) but tab, line feed and carriage return.
const isStripped = (code: number) =>
  code <= 0x1f ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code >= 0x7f && code <= 0x9f;

/** The text without control characters, by a scan of char codes (a Unicode regex took 10x longer). */
function withoutControlCharacters(text: string): string {
  let kept = '';
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    if (!isStripped(text.charCodeAt(index))) continue;
    kept += text.slice(from, index);
    from = index + 1;
  }
  return from === 0 ? text : kept + text.slice(from);
}

/**
 * Cleans a document's text and hashes it with its title and metadata. Control characters (NUL above
 * all, which PostgreSQL text refuses) carry no meaning in a document.
 */
export function digestDocument(document: {
  text: string;
  title: string | null;
  metadata: Record<string, unknown>;
}): DocumentDigest {
  const text = withoutControlCharacters(document.text);
  return { text, hash: contentHash({ text, title: document.title, metadata: document.metadata }) };
}
