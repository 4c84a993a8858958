/** A structural block of a document, as a span of its text. */
export interface Block {
  kind: 'heading' | 'paragraph' | 'list' | 'code' | 'table';
  /** Offsets into the document text: `text.slice(start, end)` is the block. */
  start: number;
  end: number;
  /** 1–6 for headings. */
  level?: number;
  /** A heading's own text, without its `#` marks. */
  heading?: string;
}

const fence = /^\s{0,3}(`{3,}|~{3,})/;
const headingLine = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A line that starts a list item: a bullet or a number and a space. */
export const listItem = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const tableLine = /^\s*\|/;

/**
 * Splits a document into blocks. Markdown structure is read from markdown-like text (headings, lists,
 * fenced code, tables, paragraphs); plain text is split into paragraphs at blank lines only.
 */
export function splitBlocks(text: string, structure: 'markdown' | 'plain'): Block[] {
  const lines: Array<{ start: number; end: number; line: string }> = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: offset, end: offset + line.length, line });
    offset += line.length + 1;
  }
  const blocks: Block[] = [];
  let open: Block | undefined;
  const close = () => {
    if (open) blocks.push(open);
    open = undefined;
  };
  for (let index = 0; index < lines.length; index += 1) {
    const { start, end, line } = lines[index] as (typeof lines)[number];
    if (line.trim() === '') {
      close();
      continue;
    }
    if (structure === 'markdown') {
      const marker = fence.exec(line)?.[1];
      if (marker !== undefined) {
        close();
        let last = index;
        for (let next = index + 1; next < lines.length; next += 1) {
          last = next;
          if ((lines[next] as (typeof lines)[number]).line.trim().startsWith(marker)) break;
        }
        blocks.push({ kind: 'code', start, end: (lines[last] as (typeof lines)[number]).end });
        index = last;
        continue;
      }
      const heading = headingLine.exec(line);
      if (heading) {
        close();
        blocks.push({
          kind: 'heading',
          start,
          end,
          level: (heading[1] as string).length,
          heading: heading[2] ?? '',
        });
        continue;
      }
      const kind = listItem.test(line) ? 'list' : tableLine.test(line) ? 'table' : 'paragraph';
      // A list continues through its items and their indented continuation lines.
      const continues =
        open !== undefined && (open.kind === kind || (open.kind === 'list' && /^\s+\S/.test(line)));
      if (!continues) {
        close();
        open = { kind, start, end };
      } else if (open) open.end = end;
      continue;
    }
    if (open) open.end = end;
    else open = { kind: 'paragraph', start, end };
  }
  close();
  return blocks;
}
