/**
 * The ingestion bench: reads every file of a generated corpus with the hand-written readers Strata
 * shipped first (`baseline/`) and with the readers ingestion uses now, and scores each extracted text
 * by token and bigram F1 against a reference: poppler's pdftotext for PDFs, the source text for the rest.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
// The CSV reader was kept (it measured as good as a library), so the baseline is today's reader.
import { parseCsv } from '../../src/knowledge/ingest/parse-csv.js';
import { parseDocument } from '../../src/knowledge/ingest/parse-document.js';
import type { ParsedDocument } from '../../src/knowledge/ingest/parsed-document.js';
import { parseDocx } from './baseline/parse-docx.js';
import { parseHtml } from './baseline/parse-html.js';
import { parsePdf } from './baseline/parse-pdf.js';
import { scoreText } from './token-f1.js';

/** A reader under test: a file's bytes and name to documents. */
export type Reader = (bytes: Uint8Array, name: string) => Promise<ParsedDocument[]> | ParsedDocument[];

/** The file types the corpus holds. */
export const fileTypes = ['pdf', 'docx', 'html', 'csv'] as const;

/** The first readers, written by hand, as they were before this bench. */
export const baselineReader: Reader = (bytes, name) => {
  const text = () => new TextDecoder().decode(bytes);
  switch (extname(name)) {
    case '.pdf':
      return [parsePdf(bytes)];
    case '.docx':
      return [parseDocx(bytes)];
    case '.html':
      return [parseHtml(text())];
    default:
      return [parseCsv(text().replace(/\r\n?/g, '\n'))];
  }
};

/** The readers ingestion uses today. */
export const currentReader: Reader = (bytes, name) => parseDocument(bytes, name);

/** One file read by one reader. */
export interface FileScore {
  file: string;
  type: string;
  /** The tool that wrote the file: office (LibreOffice), groff, ghostscript, cairo, web, records. */
  writer: string;
  reader: string;
  error: string | null;
  tokenF1: number;
  bigramF1: number;
  /** PDFs only: token F1 against the text the PDF was made from. */
  sourceF1: number | null;
  ms: number;
}

/** Reads and scores every corpus file with each reader. */
export async function runIngestBench(folder: string, readers: Record<string, Reader>): Promise<FileScore[]> {
  const files = readdirSync(folder)
    .filter((file) => (fileTypes as readonly string[]).includes(extname(file).slice(1)))
    .sort();
  const scores: FileScore[] = [];
  for (const file of files) {
    const base = file.slice(0, -extname(file).length);
    const type = extname(file).slice(1);
    const source = readFileSync(join(folder, `${base}.source.txt`), 'utf8');
    const referencePath = join(folder, `${base}.reference.txt`);
    const reference =
      type === 'pdf' && existsSync(referencePath) ? readFileSync(referencePath, 'utf8') : source;
    const bytes = new Uint8Array(readFileSync(join(folder, file)));
    for (const [reader, read] of Object.entries(readers)) {
      const start = performance.now();
      let text = '';
      let error: string | null = null;
      try {
        text = (await read(bytes, file)).map((document) => document.text).join('\n\n');
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
      const ms = performance.now() - start;
      const score = scoreText(text, reference);
      scores.push({
        file,
        type,
        writer: base.split('-')[0] ?? base,
        reader,
        error,
        ...score,
        sourceF1: type === 'pdf' ? scoreText(text, source).tokenF1 : null,
        ms,
      });
    }
  }
  return scores;
}

/** Mean scores per group (file type, or PDF writer) and reader. */
export interface GroupScore {
  group: string;
  reader: string;
  files: number;
  failed: number;
  tokenF1: number;
  bigramF1: number;
  sourceF1: number | null;
  msPerFile: number;
}

/** Averages file scores by the key `groupOf` gives each. */
export function summarise(scores: readonly FileScore[], groupOf: (score: FileScore) => string): GroupScore[] {
  const groups = new Map<string, FileScore[]>();
  for (const score of scores) {
    const key = `${groupOf(score)}\u0000${score.reader}`;
    groups.set(key, [...(groups.get(key) ?? []), score]);
  }
  const mean = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return [...groups.entries()].map(([key, members]) => {
    const [group = '', reader = ''] = key.split('\u0000');
    const sources = members.flatMap((member) => (member.sourceF1 === null ? [] : [member.sourceF1]));
    return {
      group,
      reader,
      files: members.length,
      failed: members.filter((member) => member.error !== null).length,
      tokenF1: mean(members.map((member) => member.tokenF1)),
      bigramF1: mean(members.map((member) => member.bigramF1)),
      sourceF1: sources.length > 0 ? mean(sources) : null,
      msPerFile: mean(members.map((member) => member.ms)),
    };
  });
}
