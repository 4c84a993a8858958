import { IngestError, type ParsedDocument } from '../../../src/knowledge/ingest/parsed-document.js';
import { decodeEntities } from './html-entities.js';
import { readZip } from './read-zip.js';

/** Reads a Word document's paragraphs into markdown-like text: Heading styles become `#`, numbered and bulleted paragraphs `-`. */
export function parseDocx(bytes: Uint8Array): ParsedDocument {
  const files = readZip(bytes);
  const xml = files.get('word/document.xml')?.toString('utf8');
  if (xml === undefined) throw new IngestError('not a Word document (no word/document.xml)');
  const blocks: string[] = [];
  let list = false;
  for (const paragraph of xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const body = paragraph[1] ?? '';
    const text = paragraphText(body);
    if (!text.trim()) continue;
    const style = /<w:pStyle\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? '';
    const level = /^(?:Heading|heading)\s*([1-6])$/.exec(style)?.[1] ?? (style === 'Title' ? '1' : undefined);
    const item = /<w:numPr\b/.test(body) || /^List/.test(style);
    if (level !== undefined) blocks.push(`\n${'#'.repeat(Number(level))} ${text.trim()}\n`);
    else if (item) blocks.push(`${list ? '' : '\n'}- ${text.trim()}`);
    else blocks.push(`\n${text.trim()}\n`);
    list = item && level === undefined;
  }
  const text = blocks
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!text) throw new IngestError('the Word document has no text');
  const core = files.get('docProps/core.xml')?.toString('utf8');
  const title = core === undefined ? undefined : /<dc:title>([\s\S]*?)<\/dc:title>/.exec(core)?.[1];
  return { title: title ? decodeEntities(title).trim() : null, text, structure: 'markdown', metadata: {} };
}

function paragraphText(body: string): string {
  let text = '';
  for (const part of body.matchAll(/<w:t\b[^>]*>([\s\S]*?)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
    if (part[2] === 'tab') text += '\t';
    else if (part[2] !== undefined) text += '\n';
    else text += decodeEntities(part[1] ?? '');
  }
  return text;
}
