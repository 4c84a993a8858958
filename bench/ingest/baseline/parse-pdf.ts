import { inflateSync } from 'node:zlib';
import { IngestError, type ParsedDocument } from '../../../src/knowledge/ingest/parsed-document.js';
import { pdfContentText } from './pdf-content-text.js';

// Bytes 0x80–0x9F of WinAnsiEncoding, the encoding of most simple PDF fonts; read as Latin-1 they are
// control characters.
const winAnsi = [...'€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ'].map((char) =>
  char === '\u0000' ? '' : char,
);

const streamKeyword = /(?<![A-Za-z])stream\r?\n/g;

/**
 * Extracts the text of a PDF's content streams (uncompressed or FlateDecode). It reads text drawn
 * with standard encodings; scanned pages and encrypted files are reported as such.
 */
export function parsePdf(bytes: Uint8Array): ParsedDocument {
  const raw = Buffer.from(bytes).toString('latin1');
  if (!raw.startsWith('%PDF-')) throw new IngestError('not a PDF (no %PDF- header)');
  if (!raw.includes('%%EOF')) throw new IngestError('truncated PDF (no %%EOF marker)');
  if (/\/Encrypt\s/.test(raw)) throw new IngestError('encrypted PDF');
  const pages: string[] = [];
  for (const match of raw.matchAll(streamKeyword)) {
    // The stream's dictionary sits between the object header and the keyword.
    const objectStart = raw.lastIndexOf(' obj', match.index);
    const dictionary = raw.slice(Math.max(0, objectStart), match.index);
    if (/\/Subtype\s*\/Image|\/Type\s*\/(XRef|ObjStm|Metadata)|\/Length1|\/FontFile/.test(dictionary))
      continue;
    const start = (match.index ?? 0) + match[0].length;
    const declared = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary)?.[1];
    const end = declared === undefined ? raw.indexOf('endstream', start) : start + Number(declared);
    if (end < start) continue;
    const data = decodeStream(Buffer.from(raw.slice(start, end), 'latin1'), dictionary);
    if (data === undefined || !/\bBT\b/.test(data)) continue;
    const text = pdfContentText(data).trim();
    if (text) pages.push(text);
  }
  const text = pages
    .join('\n\n')
    .replace(/[\u0080-\u009f]/g, (char) => winAnsi[char.charCodeAt(0) - 0x80] ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/[ \t]{2,}/g, ' ');
  if (!text.trim())
    throw new IngestError('no extractable text in the PDF (scanned images or unsupported fonts)');
  const title = /\/Title\s*\(([^)]*)\)/.exec(raw)?.[1]?.trim();
  return { title: title || null, text, structure: 'plain', metadata: {} };
}

function decodeStream(data: Buffer, dictionary: string): string | undefined {
  const filters = [
    ...dictionary.matchAll(/\/(FlateDecode|Fl|ASCIIHexDecode|AHx|[A-Z][A-Za-z0-9]*Decode)\b/g),
  ].map((match) => match[1]);
  let current = data;
  for (const filter of filters) {
    if (filter === 'FlateDecode' || filter === 'Fl') {
      try {
        current = inflateSync(current);
      } catch {
        throw new IngestError('corrupt compressed stream in the PDF');
      }
    } else if (filter === 'ASCIIHexDecode' || filter === 'AHx') {
      current = Buffer.from(current.toString('latin1').replace(/[^0-9a-f]/gi, ''), 'hex');
    } else {
      return undefined;
    }
  }
  return current.toString('latin1');
}
