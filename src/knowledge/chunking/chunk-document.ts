import { encodingCounter } from '../../tokens/tokenizers/encodings.js';
import { type Block, listItem, splitBlocks } from './split-blocks.js';

/** One chunk: a contiguous span of the document text, with the headings it sits under. */
export interface Chunk {
  position: number;
  text: string;
  headingPath: string[];
  charStart: number;
  charEnd: number;
  tokenCount: number;
}

/** How to chunk; counts default to the o200k tokenizer. */
export interface ChunkOptions {
  structure: 'markdown' | 'plain';
  maxTokens?: number;
  overlapTokens?: number;
  count?: (text: string) => number;
}

/** The default sizes: small enough for precise citations, large enough to hold a worked answer. */
export const chunkDefaults = { maxTokens: 256, overlapTokens: 32 } as const;

interface Unit {
  start: number;
  end: number;
  tokens: number;
  path: string[];
  heading: boolean;
}

/**
 * Cuts a document into token-sized chunks along its structure: a heading starts a new chunk, blocks
 * (paragraphs, lists, code, tables) stay whole when they fit, longer ones split at lines, sentences and
 * at last words. Consecutive chunks of one section share about `overlapTokens` of text.
 */
export function chunkDocument(text: string, options: ChunkOptions): Chunk[] {
  const maxTokens = Math.max(8, options.maxTokens ?? chunkDefaults.maxTokens);
  const overlapTokens = Math.min(
    Math.max(0, options.overlapTokens ?? chunkDefaults.overlapTokens),
    maxTokens / 2,
  );
  const count = rememberingLast(options.count ?? encodingCounter('o200k_base'));
  const units = toUnits(text, splitBlocks(text, options.structure), maxTokens, count);
  const chunks: Chunk[] = [];
  let current: Unit[] = [];
  let tokens = 0;
  const emit = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (!first || !last) return;
    const slice = text.slice(first.start, last.end);
    const path = current.find((unit) => !unit.heading)?.path ?? last.path;
    chunks.push({
      position: chunks.length,
      text: slice,
      headingPath: path,
      charStart: first.start,
      charEnd: last.end,
      tokenCount: count(slice),
    });
  };
  for (const unit of units) {
    const onlyHeadings = current.every((item) => item.heading);
    if (current.length > 0 && unit.heading && !onlyHeadings) {
      emit();
      current = [];
      tokens = 0;
    } else if (current.length > 0 && tokens + unit.tokens + 1 > maxTokens) {
      emit();
      // Carry the tail of the chunk into the next one, within the same section and the size limit.
      const carried: Unit[] = [];
      let carriedTokens = 0;
      for (let index = current.length - 1; index > 0; index -= 1) {
        const item = current[index] as Unit;
        if (item.heading || carriedTokens + item.tokens > overlapTokens) break;
        if (carriedTokens + item.tokens + unit.tokens + 2 > maxTokens) break;
        carried.unshift(item);
        carriedTokens += item.tokens + 1;
      }
      current = carried;
      tokens = carriedTokens;
    }
    // One token for the separator between two units ("\n\n" or a space), so a chunk's real count fits.
    tokens += unit.tokens + (current.length > 0 ? 1 : 0);
    current.push(unit);
  }
  emit();
  return chunks;
}

/**
 * A counter that remembers its last text: a document with no blank line, sentence end or space is one
 * block, one sentence and one word, and would otherwise be counted whole at each of those levels.
 */
function rememberingLast(count: (text: string) => number): (text: string) => number {
  let lastText: string | undefined;
  let lastCount = 0;
  return (text) => {
    if (text !== lastText) {
      lastCount = count(text);
      lastText = text;
    }
    return lastCount;
  };
}

function toUnits(text: string, blocks: Block[], maxTokens: number, count: (text: string) => number): Unit[] {
  const units: Unit[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= level) headings.pop();
      headings.push({ level, text: block.heading ?? '' });
    }
    const path = headings.map((heading) => heading.text);
    const tokens = count(text.slice(block.start, block.end));
    if (tokens <= maxTokens || block.kind === 'heading') {
      units.push({ start: block.start, end: block.end, tokens, path, heading: block.kind === 'heading' });
      continue;
    }
    for (const piece of pieces(text, block, maxTokens, count)) units.push({ ...piece, path, heading: false });
  }
  return units;
}

// A sentence runs to a terminator followed by white space; "1.5" or "e.g" do not end one.
const sentencePattern = /(?:[^.!?\n]|[.!?]+(?=[^\s.!?]))*(?:[.!?]+["')\]]*|\n|$)\s*/g;
const linePattern = /[^\n]*\n?/g;

type Span = { start: number; end: number; tokens: number };

/**
 * Splits an over-long block into fitting spans: a list at its items, code and tables at lines, prose at
 * sentences; a piece still too long splits at sentences (list items) and at last at words.
 */
function pieces(text: string, block: Block, maxTokens: number, count: (text: string) => number): Span[] {
  const spans: Span[] = [];
  for (const [start, end] of segments(text, block)) {
    const tokens = count(text.slice(start, end));
    if (tokens <= maxTokens) spans.push({ start, end, tokens });
    else if (block.kind === 'list')
      spans.push(...pieces(text, { kind: 'paragraph', start, end }, maxTokens, count));
    else spans.push(...words(text, start, end, maxTokens, count));
  }
  return spans;
}

/** The [start, end) spans a block splits into, trailing white space trimmed, empty ones dropped. */
function segments(text: string, block: Block): Array<[number, number]> {
  const body = text.slice(block.start, block.end);
  const found: Array<[number, number]> = [];
  const add = (from: number, to: number) => {
    const start = block.start + from;
    const end = start + body.slice(from, to).trimEnd().length;
    if (end > start) found.push([start, end]);
  };
  if (block.kind === 'list') {
    // An item runs from its marker to the next item's marker, continuation lines included.
    let itemStart = 0;
    let offset = 0;
    for (const line of body.split('\n')) {
      if (offset > 0 && listItem.test(line)) {
        add(itemStart, offset);
        itemStart = offset;
      }
      offset += line.length + 1;
    }
    add(itemStart, body.length);
    return found;
  }
  const pattern = block.kind === 'paragraph' ? sentencePattern : linePattern;
  for (const match of body.matchAll(pattern)) {
    if (match[0] !== '') add(match.index ?? 0, (match.index ?? 0) + match[0].length);
  }
  return found;
}

function words(
  text: string,
  start: number,
  end: number,
  maxTokens: number,
  count: (text: string) => number,
): Span[] {
  const spans: Span[] = [];
  let spanStart = start;
  let spanEnd = start;
  let tokens = 0;
  for (const match of text.slice(start, end).matchAll(/\S+/g)) {
    const wordStart = start + (match.index ?? 0);
    const wordEnd = wordStart + match[0].length;
    // A word's tokens alone; the space before it rarely adds one, so the sum is a close upper bound.
    const wordTokens = count(match[0]);
    if (wordTokens > maxTokens) {
      if (tokens > 0) spans.push({ start: spanStart, end: spanEnd, tokens });
      spans.push(...longWord(text, wordStart, wordEnd, maxTokens, count));
      spanStart = wordEnd;
      spanEnd = wordEnd;
      tokens = 0;
      continue;
    }
    if (tokens > 0 && tokens + wordTokens > maxTokens) {
      spans.push({ start: spanStart, end: spanEnd, tokens });
      spanStart = wordStart;
      tokens = 0;
    }
    spanEnd = wordEnd;
    tokens += wordTokens;
  }
  if (spanEnd > spanStart) spans.push({ start: spanStart, end: spanEnd, tokens });
  return spans;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Cuts a word too long for one chunk (a run with no white space: base64, a hash, a wall of CJK) into
 * fitting pieces. Each piece's width starts from the last one's and is scaled by how far its count
 * was from the limit, so a piece is counted about twice and the whole run stays linear.
 */
function longWord(
  text: string,
  start: number,
  end: number,
  maxTokens: number,
  count: (text: string) => number,
): Span[] {
  const spans: Span[] = [];
  const cutAt = (from: number, at: number) => {
    const cut = Math.min(end, Math.max(from + 1, at));
    // Never between the halves of a surrogate pair.
    return cut < end && cut - 1 > from && isLowSurrogate(text.charCodeAt(cut)) ? cut - 1 : cut;
  };
  let width = maxTokens * 4;
  let from = start;
  while (from < end) {
    let to = cutAt(from, from + width);
    let tokens = count(text.slice(from, to));
    if (tokens > 0 && tokens < maxTokens && to < end) {
      const stretched = cutAt(from, from + Math.floor(((to - from) * maxTokens) / tokens));
      const more = count(text.slice(from, stretched));
      if (more <= maxTokens) {
        to = stretched;
        tokens = more;
      }
    }
    while (tokens > maxTokens && to - from > 1) {
      to = cutAt(from, from + Math.floor(((to - from) * maxTokens) / tokens) - 1);
      tokens = count(text.slice(from, to));
    }
    spans.push({ start: from, end: to, tokens });
    width = to - from;
    from = to;
  }
  return spans;
}
