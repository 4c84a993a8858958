import { decodeText } from './decode-text.js';
import { parseCsv } from './parse-csv.js';
import { parseDocx } from './parse-docx.js';
import { parseHtml } from './parse-html.js';
import { parseJson, parseJsonl } from './parse-json.js';
import { parsePdf } from './parse-pdf.js';
import { formatOf, IngestError, type IngestFormat, type ParsedDocument } from './parsed-document.js';

/** Parses one file's bytes by its name (or media type) into one or more documents; throws IngestError. */
export function parseDocument(bytes: Uint8Array, name: string, mediaType?: string): ParsedDocument[] {
  const format = formatOf(name, mediaType);
  if (format === undefined) throw new IngestError(`unsupported file type: ${name}`);
  const documents = parseAs(format, bytes);
  for (const document of documents) document.metadata = { ...document.metadata, format };
  return documents;
}

function parseAs(format: IngestFormat, bytes: Uint8Array): ParsedDocument[] {
  switch (format) {
    case 'pdf':
      return [parsePdf(bytes)];
    case 'docx':
      return [parseDocx(bytes)];
    case 'html':
      return [parseHtml(decodeText(bytes))];
    case 'csv':
      return [parseCsv(decodeText(bytes))];
    case 'json':
      return parseJson(decodeText(bytes));
    case 'jsonl':
      return parseJsonl(decodeText(bytes));
    case 'md': {
      const text = decodeText(bytes);
      const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? null;
      return [{ title, text, structure: 'markdown', metadata: {} }];
    }
    case 'txt':
      return [{ title: null, text: decodeText(bytes), structure: 'plain', metadata: {} }];
  }
}
