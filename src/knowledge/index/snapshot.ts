import { StrataError } from '../../core/errors.js';
import { ChunkTable } from './chunk-table.js';
import { createState, type IndexState, type StoredOptions } from './index-state.js';
import { InvertedIndex } from './inverted-index.js';
import type { LsaModel } from './lsa-model.js';
import { decodeSections, encodeSections, type SectionArray } from './snapshot-codec.js';
import type { EmbedFunction } from './types.js';
import { VectorStore } from './vector-store.js';

const format = 'strata-knowledge-index';
const version = 1;

interface Header {
  format: string;
  version: number;
  options: StoredOptions;
  table: ReturnType<ChunkTable['toJSON']>;
  terms: string[];
  vectorDimensions: number | null;
  lsa: { dimensions: number; trainedSize: number } | null;
  changesSinceTraining: number;
  embedded: boolean;
}

/** The index as bytes: options, chunk table and terms as JSON; term rows, vectors and the LSA model as typed arrays. */
export function writeSnapshot(state: IndexState): Uint8Array {
  const capacity = state.table.capacity;
  const rowStart = new Int32Array(capacity + 1);
  let entries = 0;
  for (let slot = 0; slot < capacity; slot++) {
    entries += state.inverted.rows[slot]?.terms.length ?? 0;
    rowStart[slot + 1] = entries;
  }
  const rowTerms = new Int32Array(entries);
  const rowFreqs = new Int32Array(entries);
  for (let slot = 0; slot < capacity; slot++) {
    const row = state.inverted.rows[slot];
    if (row === undefined) continue;
    rowTerms.set(row.terms, rowStart[slot] ?? 0);
    rowFreqs.set(row.freqs, rowStart[slot] ?? 0);
  }
  const sections: Record<string, SectionArray> = {
    rowStart,
    rowTerms,
    rowFreqs,
    lengths: state.inverted.lengths.slice(0, capacity),
  };
  const { vectors, lsaModel } = state;
  if (vectors !== undefined) {
    sections.vectors = vectors.data.slice(0, capacity * vectors.dimensions);
    sections.vectorValid = vectors.valid.slice(0, capacity);
  }
  if (lsaModel !== undefined) {
    sections.lsaTermColumn = lsaModel.termColumn;
    sections.lsaIdf = lsaModel.idf;
    sections.lsaBasis = lsaModel.basis;
  }
  const header: Header = {
    format,
    version,
    options: state.stored,
    table: state.table.toJSON(),
    terms: state.inverted.terms,
    vectorDimensions: vectors?.dimensions ?? null,
    lsa:
      lsaModel === undefined ? null : { dimensions: lsaModel.dimensions, trainedSize: lsaModel.trainedSize },
    changesSinceTraining: state.changesSinceTraining,
    embedded: state.embed !== undefined,
  };
  return encodeSections(header, sections);
}

function section<T extends SectionArray>(
  sections: Map<string, SectionArray>,
  name: string,
  type: new (length: number) => T,
): T {
  const array = sections.get(name);
  if (!(array instanceof type))
    throw new StrataError('invalid_request', `Knowledge index snapshot lacks ${name}.`);
  return array;
}

/** The index state in `writeSnapshot` bytes; postings are rebuilt from the term rows (no text analysis). */
export function readSnapshot(bytes: Uint8Array, embed: EmbedFunction | undefined): IndexState {
  const { header: raw, sections } = decodeSections(bytes);
  const header = raw as unknown as Header;
  if (header.format !== format || header.version !== version)
    throw new StrataError(
      'invalid_request',
      `Unsupported knowledge index snapshot ${header.format} v${header.version}.`,
    );
  if (header.embedded && embed === undefined)
    throw new StrataError(
      'invalid_request',
      'This snapshot was built with embeddings: pass the same embed function.',
    );
  const table = ChunkTable.fromJSON(header.table);
  const inverted = new InvertedIndex();
  for (const term of header.terms) inverted.termId(term, true);
  const rowStart = section(sections, 'rowStart', Int32Array);
  const rowTerms = section(sections, 'rowTerms', Int32Array);
  const rowFreqs = section(sections, 'rowFreqs', Int32Array);
  const lengths = section(sections, 'lengths', Float64Array);
  for (let slot = 0; slot < table.capacity; slot++) {
    if (!table.isLive(slot)) continue;
    const start = rowStart[slot] ?? 0;
    const end = rowStart[slot + 1] ?? start;
    inverted.addRow(
      slot,
      { terms: rowTerms.slice(start, end), freqs: rowFreqs.slice(start, end) },
      lengths[slot] ?? 0,
    );
  }
  let vectors: VectorStore | undefined;
  if (header.vectorDimensions !== null) {
    vectors = new VectorStore(header.vectorDimensions);
    vectors.data = section(sections, 'vectors', Float32Array);
    vectors.valid = section(sections, 'vectorValid', Uint8Array);
  }
  let lsaModel: LsaModel | undefined;
  if (header.lsa !== null) {
    lsaModel = {
      dimensions: header.lsa.dimensions,
      trainedSize: header.lsa.trainedSize,
      termColumn: section(sections, 'lsaTermColumn', Int32Array),
      idf: section(sections, 'lsaIdf', Float64Array),
      basis: section(sections, 'lsaBasis', Float32Array),
    };
  }
  return createState(header.options, embed, {
    table,
    inverted,
    vectors,
    lsaModel,
    changesSinceTraining: header.changesSinceTraining,
  });
}
