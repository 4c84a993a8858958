import { IngestError } from './parsed-document.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 text (a BOM is dropped); binary or mis-encoded bytes are an IngestError. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new IngestError('not valid UTF-8 text');
  }
  if (text.includes('\u0000')) throw new IngestError('binary content (NUL bytes) in a text file');
  return text.replace(/\r\n?/g, '\n');
}
