/**
 * Writes the corpus's source files into a folder: flat ODT files for LibreOffice, groff and SVG
 * sources for the PDF writers, HTML pages and CSV files, each with a `.source.txt` of its text.
 * `make-corpus.sh` calls it, then converts the sources with the office tools.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toFlatOdt, toGroff, toHtml, toSvg } from './render.js';
import { makeSource, plainText, type SourceOptions } from './sources.js';

const fonts = ['Liberation Serif', 'DejaVu Sans', 'Linux Libertine O', 'Noto Sans'];

/** One CSV file: quoted fields with commas, doubled quotes and line breaks, in the given row count. */
function makeCsv(seed: number, rows: number): { csv: string; text: string } {
  const header = ['id', 'customer', 'notes', 'amount'];
  const lines = [header.join(',')];
  const records: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const id = String(seed * 1000 + row);
    const customer = row % 3 === 0 ? `Office "${seed}" Ltd, branch ${row}` : `Affluent client ${row}`;
    const notes =
      row % 2 === 0 ? `First line of the note\nsecond line, efficient ${row}` : `Plain note ${row}`;
    const amount = (row * 13.5 + seed).toFixed(2);
    const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    lines.push([id, customer, notes, amount].map(quote).join(','));
    records.push(
      [id, customer, notes, amount].map((value, index) => `${header[index]}: ${value}`).join('\n'),
    );
  }
  const newline = seed % 2 === 0 ? '\r\n' : '\n';
  return { csv: `${lines.join(newline)}${newline}`, text: records.join('\n\n') };
}

/** Writes every source file; returns how many documents it wrote. */
function writeSources(folder: string): number {
  mkdirSync(folder, { recursive: true });
  const write = (name: string, content: string) => writeFileSync(join(folder, name), content);
  let count = 0;
  const variants: Array<[string, Omit<SourceOptions, 'seed'>, number]> = [
    ['plain', { list: true }, 1],
    ['columns', { sections: 5 }, 2],
    ['table', { table: true }, 1],
    ['greek-cyrillic', { nonLatin: true }, 1],
    ['mixed', { table: true, nonLatin: true, list: true, sections: 5 }, 2],
  ];
  for (let seed = 1; seed <= 4; seed += 1) {
    const font = fonts[seed % fonts.length] as string;
    for (const [name, options, columns] of variants) {
      const document = makeSource({ seed: seed * 10 + name.length, ...options });
      const base = `office-${name}-${seed}`;
      write(`${base}.fodt`, toFlatOdt(document, { font, columns }));
      write(`${base}.source.txt`, plainText(document));
      count += 1;
    }
    const latin = makeSource({ seed: seed * 7, table: true, list: true, sections: 4 });
    for (const columns of [1, 2]) {
      const base = `groff-${columns}col-${seed}`;
      write(`${base}.ms`, toGroff(latin, { columns }));
      write(`${base}.source.txt`, plainText(latin));
      const svg = `cairo-${columns}col-${seed}`;
      write(`${svg}.svg`, toSvg(latin, { columns }));
      write(`${svg}.source.txt`, plainText(latin));
      count += 2;
    }
    const page = toHtml(makeSource({ seed: seed * 3, table: true, list: true, nonLatin: seed % 2 === 0 }));
    write(`web-${seed}.html`, page.html);
    write(`web-${seed}.source.txt`, page.visibleText);
    const table = makeCsv(seed, 20 * seed);
    write(`records-${seed}.csv`, table.csv);
    write(`records-${seed}.source.txt`, table.text);
    count += 2;
  }
  return count;
}

const folder = process.argv[2];
if (folder === undefined) {
  console.error('usage: node dist/bench/ingest/make-sources.js <folder>');
  process.exit(2);
}
console.log(`wrote ${writeSources(folder)} source documents to ${folder}`);
