import { IngestError, type ParsedDocument } from '../../../src/knowledge/ingest/parsed-document.js';

/** Splits CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) into rows. */
export function csvRows(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line += 1;
    } else if (char !== '\r') {
      field += char;
    }
  }
  if (quoted) throw new IngestError(`unterminated quoted field starting on line ${quoteLine}`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((candidate) => candidate.some((cell) => cell.trim() !== ''));
}

/** Reads a CSV file with a header row: each row becomes one record paragraph of `column: value` lines. */
export function parseCsv(text: string): ParsedDocument {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = csvRows(text, delimiter);
  const header = rows[0];
  if (header === undefined) throw new IngestError('the CSV file is empty');
  const names = header.map((name, index) => name.trim() || `column_${index + 1}`);
  const records = rows.slice(1).map((row) =>
    row
      .map((value, index) => [names[index] ?? `column_${index + 1}`, value.trim()] as const)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `${name}: ${value.replace(/\s*\n\s*/g, ' ')}`)
      .join('\n'),
  );
  if (records.length === 0) throw new IngestError('the CSV file has a header but no rows');
  return {
    title: null,
    text: records.join('\n\n'),
    structure: 'plain',
    metadata: { columns: names, rows: records.length },
  };
}
