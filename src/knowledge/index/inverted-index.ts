import type { Analyzer } from '../analysis/analyzer.js';
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
  /** Surface word → term id (-1 for a stopword): each distinct word is stemmed and looked up once. */
  private wordTerms = new Map<string, number>();
  /** Per-term counts of the chunk being added, and the terms touched (reused between chunks). */
  private counts = new Int32Array(0);
  private seen = new Int32Array(0);

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

  /** Analyses `text` and indexes its terms at `slot` (which must be empty). */
  add(slot: number, text: string, analyzer: Analyzer): void {
    let distinct = 0;
    let length = 0;
    analyzer.words(text, (word) => {
      let id = this.wordTerms.get(word);
      if (id === undefined) {
        const term = analyzer.term(word);
        id = term === undefined ? -1 : this.termId(term, true);
        this.wordTerms.set(word, id);
      }
      if (id < 0) return;
      length++;
      if (this.counts.length <= id) {
        this.counts = ensureInt32(this.counts, this.terms.length);
        this.seen = ensureInt32(this.seen, this.terms.length);
      }
      if (this.counts[id] === 0) this.seen[distinct++] = id;
      this.counts[id] = (this.counts[id] as number) + 1;
    });
    const row: TermRow = { terms: this.seen.slice(0, distinct), freqs: new Int32Array(distinct) };
    for (let index = 0; index < distinct; index++) {
      const id = row.terms[index] as number;
      row.freqs[index] = this.counts[id] as number;
      this.counts[id] = 0;
    }
    this.addRow(slot, row, length);
  }

  /** Indexes a ready term row (from `add` or a snapshot). */
  addRow(slot: number, row: TermRow, length: number): void {
    for (let index = 0; index < row.terms.length; index++) {
      const postings = this.postings[row.terms[index] as number];
      if (postings === undefined) continue;
      if (postings.slots.length === postings.length) {
        postings.slots = ensureInt32(postings.slots, postings.length + 1);
        postings.freqs = ensureInt32(postings.freqs, postings.length + 1);
      }
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
