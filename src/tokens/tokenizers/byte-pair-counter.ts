/**
 * Counts the tokens of a tiktoken byte-pair encoding (o200k_base, cl100k_base) straight from its rank
 * file. Every token's bytes sit in one buffer, found through an open-addressing table of their hashes, so
 * a vocabulary of 200,000 tokens takes about 4.3 MB instead of a string and a map entry per token (the
 * library's encoder, tens of MB); the file is read in tens of milliseconds rather than parsed as a module.
 * It only counts: nothing needs the token ids. Its counts equal gpt-tokenizer's except for the byte-order
 * mark: the rank file has it as one token, which that library decodes to an empty string and so counts
 * as two.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** An encoding's mergeable tokens: their bytes, and where each one's rank is found. */
export interface RankTable {
  /** Every token's bytes, one after another. */
  bytes: Uint8Array;
  /** Where entry `i`'s bytes start in `bytes`; entry `i` ends where entry `i + 1` starts. */
  starts: Uint32Array;
  /** The rank of entry `i`; absent when every entry's rank is `i`, as in OpenAI's files. */
  ranks: Int32Array | undefined;
  /** Open-addressing slots holding entry numbers, -1 when empty; their count is a power of two. */
  slots: Int32Array;
}

const base64Values = (() => {
  const values = new Int8Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let index = 0; index < alphabet.length; index++) values[alphabet.charCodeAt(index)] = index;
  return values;
})();

const space = 0x20;
const newline = 0x0a;

/** FNV-1a over `bytes[from, to)`. */
function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let index = from; index < to; index++) hash = Math.imul(hash ^ (bytes[index] ?? 0), 0x01000193);
  return hash >>> 0;
}

/**
 * A file's bytes in pieces that end at a newline (all but the last), read through one buffer of `size`
 * bytes, grown only for a longer line; each piece is overwritten by the next. A rank file read whole is
 * megabytes malloc'd and then freed: glibc then raises its mmap threshold to that size, and for the rest
 * of the process keeps more freed memory resident (a median 3.4 MiB more peak RSS in the gateway bench's
 * streams).
 */
export function fileInPieces(path: string, size = 64 * 1024): Iterable<Uint8Array> {
  return {
    *[Symbol.iterator]() {
      const fd = openSync(path, 'r');
      try {
        let buffer = Buffer.allocUnsafe(size);
        let kept = 0;
        for (;;) {
          const end = kept + readSync(fd, buffer, kept, buffer.length - kept, null);
          if (end === kept) {
            if (kept > 0) yield buffer.subarray(0, kept);
            return;
          }
          const lineEnd = buffer.lastIndexOf(newline, end - 1) + 1;
          if (lineEnd === 0 && end === buffer.length) {
            const grown = Buffer.allocUnsafe(buffer.length * 2);
            buffer.copy(grown);
            buffer = grown;
            kept = end;
            continue;
          }
          if (lineEnd > 0) yield buffer.subarray(0, lineEnd);
          buffer.copyWithin(0, lineEnd, end);
          kept = end - lineEnd;
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Reads a `.tiktoken` rank file: one `<token bytes in base64> <rank>` per line. It comes in pieces of
 * whole lines (see `fileInPieces`), gone through twice.
 */
export function readRankFile(pieces: Iterable<Uint8Array>): RankTable {
  // A first pass sizes the arrays: the lines, and the bytes each line's base64 holds (six bits a character).
  let lines = 0;
  let tokenBytes = 0;
  let lineBits = 0;
  let inToken = true;
  let last = newline;
  for (const piece of pieces) {
    for (const byte of piece) {
      if (byte === newline) {
        lines++;
        tokenBytes += lineBits >> 3;
        lineBits = 0;
        inToken = true;
      } else if (byte === space) inToken = false;
      else if (inToken && (base64Values[byte] ?? -1) >= 0) lineBits += 6;
    }
    last = piece[piece.length - 1] ?? last;
  }
  if (last !== newline) lines++;
  const bytes = new Uint8Array(tokenBytes + (lineBits >> 3));
  const starts = new Uint32Array(lines + 1);
  let ranks: Int32Array | undefined;
  let entries = 0;
  let written = 0;
  for (const file of pieces) {
    let at = 0;
    while (at < file.length) {
      if (file[at] === newline) {
        at++;
        continue;
      }
      starts[entries] = written;
      let bits = 0;
      let pending = 0;
      for (; at < file.length && file[at] !== space && file[at] !== newline; at++) {
        const value = base64Values[file[at] ?? 0] ?? -1;
        if (value < 0) continue; // padding
        pending = (pending << 6) | value;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes[written++] = (pending >> bits) & 0xff;
        }
      }
      if (file[at] !== space) throw new Error(`not a tiktoken rank file: line ${entries + 1}`);
      let rank = 0;
      for (at++; at < file.length && file[at] !== newline; at++) {
        const digit = (file[at] ?? 0) - 0x30;
        if (digit < 0 || digit > 9) throw new Error(`not a tiktoken rank file: line ${entries + 1}`);
        rank = rank * 10 + digit;
      }
      if (written === starts[entries]) throw new Error(`not a tiktoken rank file: line ${entries + 1}`);
      // Ranks are kept only once one differs from its token's place in the file.
      if (ranks === undefined && rank !== entries)
        ranks = Int32Array.from({ length: lines }, (_, entry) => entry);
      if (ranks !== undefined) ranks[entries] = rank;
      entries++;
    }
  }
  starts[entries] = written;
  let size = 1;
  while (size < entries * 2) size <<= 1;
  const slots = new Int32Array(size).fill(-1);
  const table = { bytes, starts, ranks, slots };
  for (let entry = 0; entry < entries; entry++) {
    let slot = hashOf(bytes, starts[entry] ?? 0, starts[entry + 1] ?? 0) & (size - 1);
    while (slots[slot] !== -1) slot = (slot + 1) & (size - 1);
    slots[slot] = entry;
  }
  return table;
}

/** The rank of the token whose bytes are `piece[from, to)`, or -1 when no token has them. */
function rankOf(table: RankTable, piece: Uint8Array, from: number, to: number): number {
  const { bytes, starts, slots } = table;
  const mask = slots.length - 1;
  const length = to - from;
  for (let slot = hashOf(piece, from, to) & mask; ; slot = (slot + 1) & mask) {
    const entry = slots[slot] ?? -1;
    if (entry === -1) return -1;
    const start = starts[entry] ?? 0;
    if ((starts[entry + 1] ?? 0) - start !== length) continue;
    let same = 0;
    while (same < length && bytes[start + same] === piece[from + same]) same++;
    if (same === length) return table.ranks === undefined ? entry : (table.ranks[entry] ?? -1);
  }
}

const unmergeable = 0x7fffffff;
// Pieces already counted, and their counts: common words repeat. Cleared when full, never evicted one by one.
const rememberedPieces = 16_384;
// Only short pieces are remembered: a longer match may be a slice that keeps its whole text alive, and
// long pieces seldom repeat.
const rememberedLength = 12;

/**
 * A counter for one encoding: the text is split into pieces by the encoding's pattern, and each piece is
 * merged byte pair by byte pair, lowest rank first (the leftmost of equal ranks), as tiktoken does. Text
 * that spells a special token is counted as ordinary text.
 */
export function byteCounter(table: RankTable, pattern: RegExp): (text: string) => number {
  const split = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const counted = new Map<string, number>();
  let piece = Buffer.allocUnsafe(1024);
  // Boundaries between the parts a piece is merged into, and the rank of each part with the next.
  let bounds = new Int32Array(256);
  let pairRanks = new Int32Array(256);

  function countBytes(length: number): number {
    if (rankOf(table, piece, 0, length) !== -1) return 1;
    if (bounds.length <= length) {
      bounds = new Int32Array(length + 1);
      pairRanks = new Int32Array(length + 1);
    }
    let parts = length + 1;
    for (let index = 0; index < parts; index++) bounds[index] = index;
    const rankAt = (index: number) => {
      const rank = index + 2 < parts ? rankOf(table, piece, bounds[index] ?? 0, bounds[index + 2] ?? 0) : -1;
      pairRanks[index] = rank === -1 ? unmergeable : rank;
    };
    for (let index = 0; index < parts; index++) rankAt(index);
    for (;;) {
      let lowest = unmergeable;
      let at = -1;
      for (let index = 0; index + 2 < parts; index++) {
        const rank = pairRanks[index] ?? unmergeable;
        if (rank < lowest) {
          lowest = rank;
          at = index;
        }
      }
      if (at === -1) return parts - 1;
      bounds.copyWithin(at + 1, at + 2, parts);
      pairRanks.copyWithin(at + 1, at + 2, parts);
      parts--;
      rankAt(at);
      if (at > 0) rankAt(at - 1);
    }
  }

  return (text) => {
    let tokens = 0;
    split.lastIndex = 0;
    for (let match = split.exec(text); match !== null; match = split.exec(text)) {
      const found = match[0];
      let count = counted.get(found);
      if (count === undefined) {
        if (piece.length < found.length * 3) piece = Buffer.allocUnsafe(found.length * 3);
        // Node writes a lone surrogate as U+FFFD, as the encoders do.
        count = countBytes(piece.write(found, 0, 'utf8'));
        if (found.length <= rememberedLength) {
          if (counted.size >= rememberedPieces) counted.clear();
          counted.set(found, count);
        }
      }
      tokens += count;
    }
    return tokens;
  };
}
