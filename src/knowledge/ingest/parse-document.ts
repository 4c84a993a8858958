import { decodeText } from './decode-text.js';
import { ingestLimits, megabytes } from './ingest-limits.js';
import { parseCsv } from './parse-csv.js';
import { parseJson, parseJsonl } from './parse-json.js';
import { formatOf, IngestError, type IngestFormat, type ParsedDocument } from './parsed-document.js';

/**
 * Parses one file's bytes by its name (or media type) into one or more documents. Whatever goes
 * wrong with the file is an IngestError (a 400) with the reason, never an unexplained crash.
 */
export async function parseDocument(
  bytes: Uint8Array,
  name: string,
  mediaType?: string,
): Promise<ParsedDocument[]> {
  const format = formatOf(name, mediaType);
  if (format === undefined) throw new IngestError(`unsupported file type: ${name}`);
  if (bytes.byteLength > ingestLimits.fileBytes) {
    throw new IngestError(
      `${name} is ${megabytes(bytes.byteLength)}; files of at most ${megabytes(ingestLimits.fileBytes)} are read`,
    );
  }
  let documents: ParsedDocument[];
  try {
    documents = await parseAs(format, bytes);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    // A reader library's own failure on a malformed file: the file's fault, so a 400 with its reason.
    throw new IngestError(
      `unreadable ${format} file: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  for (const document of documents) document.metadata = { ...document.metadata, format };
  return documents;
}

// The PDF, Word and HTML readers are loaded on their first file: a gateway that never ingests one
// never holds their libraries.
async function parseAs(format: IngestFormat, bytes: Uint8Array): Promise<ParsedDocument[]> {
  switch (format) {
    case 'pdf':
      return [await (await import('./parse-pdf.js')).parsePdf(bytes)];
    case 'docx':
      return [await (await import('./parse-docx.js')).parseDocx(bytes)];
    case 'html':
      return [(await import('./parse-html.js')).parseHtml(decodeText(bytes))];
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
