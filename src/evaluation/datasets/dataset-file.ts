import { StrataError } from '../../core/errors.js';
import { csvRows } from '../../knowledge/ingest/parse-csv.js';
import type { DatasetItemRecord, NewDatasetItem } from '../../store/datasets-repository.js';

/** The file formats datasets import from and export to. */
export type DatasetFormat = 'jsonl' | 'csv';

const inputColumns = ['input', 'messages', 'question', 'prompt'];
const expectedColumns = ['expected', '__expected', 'expected_output', 'answer', 'ideal'];

/**
 * Reads dataset items. JSONL: one object per line with `input` (text or OpenAI messages) or `messages`,
 * an optional `expected`, `id`, `metadata` and `vars`. CSV: a header row naming an input column
 * (`input`, `question` or `prompt`), optionally `expected` and `id`; other columns become `vars`.
 * A bad line throws `invalid_request` naming it.
 */
export function parseDatasetFile(text: string, format: DatasetFormat): NewDatasetItem[] {
  return format === 'jsonl' ? parseJsonl(text) : parseCsvItems(text);
}

/** Writes items as JSONL (one `{id, input, expected, metadata}` per line) or CSV (input as text). */
export function formatDataset(items: readonly DatasetItemRecord[], format: DatasetFormat): string {
  if (format === 'jsonl') {
    return items
      .map((item) =>
        JSON.stringify({
          id: item.key,
          input: item.input,
          expected: item.expected,
          metadata: item.metadata,
          ...(item.sourceRequestId !== null && { source_request_id: item.sourceRequestId }),
        }),
      )
      .join('\n')
      .concat(items.length > 0 ? '\n' : '');
  }
  const varNames = [...new Set(items.flatMap((item) => Object.keys(varsOf(item.metadata))))].sort();
  const header = ['id', 'input', 'expected', ...varNames];
  const rows = items.map((item) => [
    item.key,
    inputText(item.input),
    item.expected ?? '',
    ...varNames.map((name) => cell(varsOf(item.metadata)[name])),
  ]);
  return [header, ...rows]
    .map((row) => row.map(quote).join(','))
    .join('\n')
    .concat('\n');
}

/** The text of a dataset input: the last user message's content. */
export function inputText(input: readonly unknown[]): string {
  const messages = input as Array<{ role?: unknown; content?: unknown }>;
  const last = messages.findLast((message) => message.role === 'user') ?? messages.at(-1);
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

/** An item's variables: `metadata.vars` when it has them. */
export function varsOf(metadata: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const vars = metadata.vars;
  return typeof vars === 'object' && vars !== null && !Array.isArray(vars)
    ? (vars as Record<string, unknown>)
    : {};
}

function parseJsonl(text: string): NewDatasetItem[] {
  const items: NewDatasetItem[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw bad(`line ${index + 1} is not JSON: ${(error as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw bad(`line ${index + 1} is not a JSON object`);
    const record = value as Record<string, unknown>;
    const input = messagesOf(record.input ?? record.messages ?? record.question ?? record.prompt);
    if (input === undefined)
      throw bad(
        `line ${index + 1} has no \`input\` (text or messages), \`messages\`, \`question\` or \`prompt\``,
      );
    const metadata = isObject(record.metadata) ? { ...record.metadata } : {};
    if (isObject(record.vars)) metadata.vars = record.vars;
    const expected = record.expected ?? record.ideal ?? record.answer;
    items.push({
      ...(typeof record.id === 'string' || typeof record.id === 'number' ? { key: String(record.id) } : {}),
      input,
      expected:
        expected === undefined || expected === null
          ? null
          : typeof expected === 'string'
            ? expected
            : JSON.stringify(expected),
      metadata,
    });
  });
  return items;
}

function parseCsvItems(text: string): NewDatasetItem[] {
  const [header, ...rows] = csvRows(text);
  if (header === undefined) return [];
  const names = header.map((name) => name.trim());
  const inputAt = names.findIndex((name) => inputColumns.includes(name.toLowerCase()));
  if (inputAt < 0) throw bad(`the CSV header names no input column (one of ${inputColumns.join(', ')})`);
  const expectedAt = names.findIndex((name) => expectedColumns.includes(name.toLowerCase()));
  const idAt = names.findIndex((name) => name.toLowerCase() === 'id');
  return rows.map((row) => {
    const vars: Record<string, string> = {};
    names.forEach((name, index) => {
      if (index !== inputAt && index !== expectedAt && index !== idAt && name !== '')
        vars[name] = row[index] ?? '';
    });
    const key = idAt >= 0 ? row[idAt] : undefined;
    return {
      ...(key !== undefined && key !== '' && { key }),
      input: messagesOf(row[inputAt] ?? '') ?? [],
      expected: expectedAt >= 0 ? (row[expectedAt] ?? null) : null,
      metadata: Object.keys(vars).length > 0 ? { vars } : {},
    };
  });
}

function messagesOf(value: unknown): unknown[] | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed) && parsed.every((message) => isObject(message) && 'role' in message))
          return parsed;
      } catch {
        // Text that only looks like JSON is a question like any other.
      }
    }
    return [{ role: 'user', content: value }];
  }
  if (Array.isArray(value) && value.every((message) => isObject(message) && typeof message.role === 'string'))
    return value;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cell(value: unknown): string {
  return value === undefined || value === null
    ? ''
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function bad(message: string): StrataError {
  return new StrataError('invalid_request', `The dataset file: ${message}.`, { param: 'file' });
}
