/**
 * Reads a passage's Markdown structure into the units an answer may quote: prose sentences (inside
 * paragraphs and list items) and, when wanted, code blocks and table rows. Headings are never quoted;
 * each unit knows its block, the heading it sits under and its block's bold lead term ("**Budgets**").
 */
import { segmentSentences } from './segment-sentences.js';

/** One quotable piece of a passage: `text` is `passage.slice(start, end)`. */
export interface PassageUnit {
  text: string;
  start: number;
  end: number;
  kind: 'prose' | 'code' | 'row';
  /** A table row's column names, from the table's header row when the passage holds it. */
  columns?: string[];
  /** Which block of the passage (paragraph, list item or code block) the unit belongs to. */
  block: number;
  /** The heading the unit sits under: the last in-passage heading, else the passage's heading path. */
  heading: string;
  /** Where that heading's line starts in the passage, when the passage holds it. */
  headingStart?: number;
  /** The bold term that opens the unit's paragraph or list item, or ''. */
  lead: string;
  /** The first sentence of a block with a lead term, or of the first prose under a heading. */
  opens: boolean;
}

/** Code blocks longer than this are quoted by indentation-level stanzas instead. */
const maxCodeLines = 16;

const fencePattern = /^\s*(```|~~~)/;
const listPattern = /^\s*(?:[-*+]|\d+[.)])\s+/;
const separatorPattern = /^\s*\|?\s*:?-{3,}/;

/** The cells of a Markdown table row, trimmed; escaped pipes stay inside their cell. */
export function cellsOf(row: string): string[] {
  const cells = row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
  return cells;
}

const leadPattern = /^\s*(?:(?:[-*+]|\d+[.)])\s+)?\*\*([^*\n]{1,60})\*\*/;

interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const piece of text.split('\n')) {
    lines.push({ start, end: start + piece.length, text: piece });
    start += piece.length + 1;
  }
  return lines;
}

function indentOf(line: Line): number {
  return line.text.length - line.text.trimStart().length;
}

/** Whether a line reads as code or configuration: a YAML key, braces, a statement end, command flags. */
function codeLike(line: string): boolean {
  if (/^\s*(?:-\s+)?[\w."'-]+:(?:\s|$)/.test(line) && !/[.!?]\s+\p{Lu}/u.test(line)) return true;
  if (/^\s*(?:-\s*)?[{}[\]]|[{};,]\s*$/.test(line) && !/\p{L}{3,}\.\s*$/u.test(line)) return true;
  return (line.match(/(?:^|\s)--?[a-z][\w-]*/g) ?? []).length >= 2;
}

/** Whether most of a run of lines (blank ones aside) reads as code. */
function looksLikeCode(lines: readonly Line[]): boolean {
  const filled = lines.filter((line) => line.text.trim() !== '');
  if (filled.length === 0) return false;
  return filled.filter((line) => codeLike(line.text)).length >= 0.6 * filled.length;
}

/** Splits a long code block into stanzas: a line with the lines indented under it, at most `maxCodeLines`. */
function stanzas(lines: readonly Line[]): Line[][] {
  if (lines.length <= maxCodeLines) return [lines.slice()];
  const groups: Line[][] = [];
  let index = 0;
  while (index < lines.length) {
    const head = lines[index] as Line;
    let next = index + 1;
    while (
      next < lines.length &&
      ((lines[next] as Line).text.trim() === '' || indentOf(lines[next] as Line) > indentOf(head))
    )
      next++;
    const group = lines.slice(index, next);
    if (group.length > maxCodeLines) {
      groups.push([head]);
      groups.push(...stanzas(group.slice(1)));
    } else groups.push(group);
    index = next;
  }
  return groups.filter((group) => group.some((line) => line.text.trim() !== ''));
}

/**
 * The quotable units of a passage, in order. `headings` is the chunk's heading path; with `rows`, each
 * table row (the header aside) is a unit; with `code`,
 * code blocks are units too (whole when short, else stanza by stanza).
 */
export function passageUnits(
  text: string,
  options: { headings?: readonly string[]; code?: boolean; rows?: boolean } = {},
): PassageUnit[] {
  const lines = linesOf(text);
  // A chunk cut out of a long document may start inside a code block: its lines up to the first fence
  // then read as code, not prose.
  const firstFence = lines.findIndex((line) => fencePattern.test(line.text));
  let inCode = looksLikeCode(firstFence < 0 ? lines : lines.slice(0, firstFence));
  let heading = options.headings?.at(-1) ?? '';
  let headingStart: number | undefined;
  let afterHeading = false;
  const units: PassageUnit[] = [];
  let block = 0;
  let prose: Line[] = [];
  let code: Line[] = [];
  let table: Line[] = [];
  const closeProse = () => {
    const first = prose[0];
    const last = prose.at(-1);
    prose = [];
    if (first === undefined || last === undefined) return;
    const body = text.slice(first.start, last.end);
    const lead = leadPattern.exec(body)?.[1]?.trim() ?? '';
    let opens = lead !== '' || afterHeading;
    afterHeading = false;
    for (const sentence of segmentSentences(body)) {
      let start = first.start + sentence.start;
      const marker = listPattern.exec(sentence.text)?.[0].length ?? 0;
      start += marker;
      const end = first.start + sentence.end;
      if (end <= start) continue;
      units.push({
        text: text.slice(start, end),
        start,
        end,
        kind: 'prose',
        block,
        heading,
        ...(headingStart !== undefined && { headingStart }),
        lead,
        opens,
      });
      opens = false;
    }
    block++;
  };
  const closeCode = () => {
    if (code.length > 0 && options.code === true) {
      for (const group of stanzas(code)) {
        const start = (group[0] as Line).start + indentOf(group[0] as Line);
        const end = (group.at(-1) as Line).end;
        units.push({
          text: text.slice(start, end),
          start,
          end,
          kind: 'code',
          block,
          heading,
          ...(headingStart !== undefined && { headingStart }),
          lead: '',
          opens: false,
        });
      }
    }
    if (code.length > 0) block++;
    code = [];
  };
  const closeTable = () => {
    const separated = table.length > 1 && separatorPattern.test((table[1] as Line).text);
    const columns = separated ? cellsOf((table[0] as Line).text) : undefined;
    for (const row of table.slice(separated ? 2 : 0)) {
      if (options.rows !== true || separatorPattern.test(row.text)) continue;
      const start = row.start + indentOf(row);
      units.push({
        text: text.slice(start, row.end),
        start,
        end: row.end,
        kind: 'row',
        ...(columns !== undefined && { columns }),
        block: block++,
        heading,
        ...(headingStart !== undefined && { headingStart }),
        lead: '',
        opens: false,
      });
    }
    table = [];
  };
  for (const line of lines) {
    if (!inCode && line.text.trim().startsWith('|')) {
      closeProse();
      table.push(line);
      continue;
    }
    if (table.length > 0) closeTable();
    if (fencePattern.test(line.text)) {
      if (inCode) {
        code.push(line);
        closeCode();
      } else {
        closeProse();
        code.push(line);
      }
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      code.push(line);
      continue;
    }
    const trimmed = line.text.trim();
    const headingMatch = /^#{1,6}\s+(.*)$/.exec(trimmed);
    if (trimmed === '' || headingMatch || listPattern.test(line.text)) {
      closeProse();
      if (headingMatch) {
        heading = (headingMatch[1] ?? '').trim();
        headingStart = line.start + line.text.indexOf('#');
        afterHeading = true;
      }
      if (trimmed === '' || headingMatch) continue;
    }
    prose.push(line);
  }
  closeTable();
  closeProse();
  closeCode();
  return units;
}
