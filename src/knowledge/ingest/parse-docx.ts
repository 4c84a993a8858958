import { decodeXML } from 'entities';
import mammoth from 'mammoth';
import { parseHtml } from './parse-html.js';
import { IngestError, type ParsedDocument } from './parsed-document.js';
import { readZip } from './read-zip.js';

// Images would come back as base64 data URIs; ingestion wants text only.
const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
const styleMap = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * Reads a Word document with mammoth (tables, lists, footnotes, text boxes and hyperlinks included)
 * and renders its HTML as markdown-like text: headings as `#`, list items as `-`. The archive is
 * checked against the size limits first.
 */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const files = readZip(bytes);
  if (!files.has('word/document.xml')) throw new IngestError('not a Word document (no word/document.xml)');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: noImages, styleMap, ignoreEmptyParagraphs: true },
    );
    html = result.value;
  } catch (error) {
    throw new IngestError(
      `unreadable Word document: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  const { text } = parseHtml(html);
  if (!text) throw new IngestError('the Word document has no text');
  const core = files.get('docProps/core.xml')?.toString('utf8');
  const title = core === undefined ? undefined : /<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1];
  return { title: title ? decodeXML(title).trim() || null : null, text, structure: 'markdown', metadata: {} };
}
