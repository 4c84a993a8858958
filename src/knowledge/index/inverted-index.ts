import { ensureFloat64, ensureInt32 } from './growable.js';

/** One term's postings: the slots containing it and the term's frequency in each, unordered. */
interface Postings {
  slots: Int32Array<ArrayBuffer>;
  freqs: Int32Array<ArrayBuffer>;
  length: number;
}

/** A chunk's distinct terms and their frequencies (a row of the term-document matrix). */
export interface TermRow {
  terms: Int32Array;
  freqs: Int32Array;
}

/**
 * Term dictionary, postings lists and per-slot term rows. Removal is eager (a posting is swapped out
 * of each list the chunk is in), so document frequencies and lengths are always exact and no rebuild
 * or compaction is ever needed.
 */
export class InvertedIndex {
  readonly termIds = new Map<string, number>();
  readonly terms: string[] = [];
  private postings: Postings[] = [];
  rows: Array<TermRow | undefined> = [];
  lengths = new Float64Array(0);
  liveCount = 0;
  totalLength = 0;

  /** The id of `term`, created when `create` is set; -1 when unknown. */
  termId(term: string, create: boolean): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      if (!create) return -1;
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postings.push({ slots: new Int32Array(2), freqs: new Int32Array(2), length: 0 });
    }
    return id;
  }

  /** How many live chunks contain the term. */
  documentFrequency(termId: number): number {
    return this.postings[termId]?.length ?? 0;
  }

  /** The postings of a term, for scoring (read only). */
  postingsOf(termId: number): Postings | undefined {
    return this.postings[termId];
  }

  /** Indexes a chunk's analysed terms at `slot` (which must be empty). */
  add(slot: number, analysed: readonly string[]): void {
    const counts = new Map<number, number>();
    for (const term of analysed) {
      const id = this.termId(term, true);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const row: TermRow = { terms: new Int32Array(counts.size), freqs: new Int32Array(counts.size) };
    let index = 0;
    for (const [id, freq] of counts) {
      row.terms[index] = id;
      row.freqs[index] = freq;
      index++;
    }
    this.addRow(slot, row, analysed.length);
  }

  /** Indexes a ready term row (from `add` or a snapshot). */
  addRow(slot: number, row: TermRow, length: number): void {
    for (let index = 0; index < row.terms.length; index++) {
      const postings = this.postings[row.terms[index] ?? 0];
      if (postings === undefined) continue;
      postings.slots = ensureInt32(postings.slots, postings.length + 1);
      postings.freqs = ensureInt32(postings.freqs, postings.length + 1);
      postings.slots[postings.length] = slot;
      postings.freqs[postings.length] = row.freqs[index] ?? 0;
      postings.length++;
    }
    this.rows[slot] = row;
    this.lengths = ensureFloat64(this.lengths, slot + 1);
    this.lengths[slot] = length;
    this.liveCount++;
    this.totalLength += length;
  }

  /** Removes the chunk at `slot` from every postings list it is in. */
  delete(slot: number): void {
    const row = this.rows[slot];
    if (row === undefined) return;
    for (const termId of row.terms) {
      const postings = this.postings[termId];
      if (postings === undefined) continue;
      const last = postings.length - 1;
      for (let index = 0; index <= last; index++) {
        if (postings.slots[index] !== slot) continue;
        postings.slots[index] = postings.slots[last] ?? 0;
        postings.freqs[index] = postings.freqs[last] ?? 0;
        postings.length = last;
        break;
      }
    }
    this.rows[slot] = undefined;
    this.liveCount--;
    this.totalLength -= this.lengths[slot] ?? 0;
    this.lengths[slot] = 0;
  }
}
