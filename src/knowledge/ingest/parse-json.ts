import { IngestError, type ParsedDocument } from './parsed-document.js';

const textFields = ['text', 'content', 'body', 'page_content', 'markdown'];
const titleFields = ['title', 'name', 'heading'];
const idFields = ['id', '_id', 'doc_id', 'document_id'];

/** Reads a JSON file: an array of records, or one record. */
export function parseJson(text: string): ParsedDocument[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IngestError(`invalid JSON: ${(error as Error).message}`);
  }
  return fromRecords(Array.isArray(value) ? value : [value]);
}

/** Reads JSON Lines: one record per non-empty line; a bad line is reported with its number. */
export function parseJsonl(text: string): ParsedDocument[] {
  const records: unknown[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new IngestError(`invalid JSON on line ${index + 1}: ${(error as Error).message}`);
    }
  }
  return fromRecords(records);
}

/**
 * Records with an id become one document each (its text field, title and `metadata` object kept);
 * records without one are rendered as `key: value` paragraphs of a single document.
 */
function fromRecords(records: unknown[]): ParsedDocument[] {
  if (records.length === 0) throw new IngestError('no records in the JSON file');
  const withIds = records.every((record) => idOf(record) !== undefined);
  if (withIds) {
    return records.map((record) => {
      const object = record as Record<string, unknown>;
      const metadata = object.metadata;
      return {
        key: idOf(record) as string,
        title: firstString(object, titleFields) ?? null,
        text: firstString(object, textFields) ?? render(object, 0),
        structure: 'markdown' as const,
        metadata:
          metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
            ? { ...metadata }
            : {},
      };
    });
  }
  return [
    {
      title: null,
      text: records.map((record) => render(record, 0)).join('\n\n'),
      structure: 'plain',
      metadata: { records: records.length },
    },
  ];
}

function idOf(record: unknown): string | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  for (const field of idFields) {
    const value = (record as Record<string, unknown>)[field];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

function firstString(record: Record<string, unknown>, fields: string[]): string | undefined {
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/** A JSON value as indented `key: value` lines. */
function render(value: unknown, depth: number): string {
  const indent = '  '.repeat(depth);
  if (value === null || typeof value !== 'object') return `${indent}${String(value)}`;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  return entries
    .map(([key, item]) =>
      item !== null && typeof item === 'object'
        ? `${indent}${key}:\n${render(item, depth + 1)}`
        : `${indent}${key}: ${String(item)}`,
    )
    .join('\n');
}
