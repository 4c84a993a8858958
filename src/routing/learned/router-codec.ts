import { StrataError } from '../../core/errors.js';
import type { TrainedRouter } from './learned-router.js';
import type { SparseVector } from './sparse-vector.js';

/** The stored form of a trained router: JSON with typed arrays as base64 (little-endian). */
interface StoredRouter {
  format: 'strata-knn-router/1';
  models: string[];
  options: TrainedRouter['options'];
  vocabulary: string[];
  idf: string;
  offsets: string;
  indices: string;
  values: string;
  scores: string;
  costs: string;
  meanScores: number[];
  meanCosts: number[];
  costScale: number;
  embeddingModel?: string;
  cascades?: TrainedRouter['cascades'];
}

/** Serialises a trained router to a JSON string for the store. */
export function encodeRouter(trained: TrainedRouter): string {
  const vocabulary = new Array<string>(trained.tfidf.vocabulary.size);
  for (const [term, index] of trained.tfidf.vocabulary) vocabulary[index] = term;
  const offsets = new Int32Array(trained.vectors.length + 1);
  trained.vectors.forEach((vector, row) => {
    offsets[row + 1] = (offsets[row] ?? 0) + vector.indices.length;
  });
  const total = offsets[trained.vectors.length] ?? 0;
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  trained.vectors.forEach((vector, row) => {
    indices.set(vector.indices, offsets[row]);
    values.set(vector.values, offsets[row]);
  });
  const stored: StoredRouter = {
    format: 'strata-knn-router/1',
    models: trained.models,
    options: trained.options,
    vocabulary,
    idf: base64(trained.tfidf.idf),
    offsets: base64(offsets),
    indices: base64(indices),
    values: base64(values),
    scores: base64(trained.scores),
    costs: base64(trained.costs),
    meanScores: trained.meanScores,
    meanCosts: trained.meanCosts,
    costScale: trained.costScale,
    ...(trained.embeddingModel !== undefined && { embeddingModel: trained.embeddingModel }),
    ...(trained.cascades !== undefined && { cascades: trained.cascades }),
  };
  return JSON.stringify(stored);
}

/** Rebuilds a trained router from its stored JSON; anything else throws `config_invalid`. */
export function decodeRouter(text: string): TrainedRouter {
  const stored = JSON.parse(text) as Partial<StoredRouter>;
  if (stored.format !== 'strata-knn-router/1') {
    throw new StrataError(
      'config_invalid',
      'The stored router is not a Strata kNN router (format mismatch).',
    );
  }
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new StrataError('config_invalid', `The stored router lacks \`${name}\`.`);
    return value;
  };
  const offsets = new Int32Array(bytes(need(stored.offsets, 'offsets')));
  const indices = new Int32Array(bytes(need(stored.indices, 'indices')));
  const values = new Float32Array(bytes(need(stored.values, 'values')));
  const vectors: SparseVector[] = [];
  for (let row = 0; row + 1 < offsets.length; row++) {
    const start = offsets[row] ?? 0;
    const end = offsets[row + 1] ?? 0;
    vectors.push({ indices: indices.slice(start, end), values: values.slice(start, end) });
  }
  const options = need(stored.options, 'options');
  return {
    models: need(stored.models, 'models'),
    options,
    tfidf: {
      vocabulary: new Map(need(stored.vocabulary, 'vocabulary').map((term, index) => [term, index])),
      idf: new Float32Array(bytes(need(stored.idf, 'idf'))),
      options,
    },
    vectors,
    scores: new Float32Array(bytes(need(stored.scores, 'scores'))),
    costs: new Float32Array(bytes(need(stored.costs, 'costs'))),
    meanScores: need(stored.meanScores, 'meanScores'),
    meanCosts: need(stored.meanCosts, 'meanCosts'),
    costScale: need(stored.costScale, 'costScale'),
    ...(typeof stored.embeddingModel === 'string' && { embeddingModel: stored.embeddingModel }),
    ...(Array.isArray(stored.cascades) && { cascades: stored.cascades }),
  };
}

function base64(array: Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** Decoded bytes in a fresh, aligned buffer (Node's pooled buffers may sit at odd offsets). */
function bytes(text: string): ArrayBuffer {
  const decoded = Buffer.from(text, 'base64');
  const copy = new ArrayBuffer(decoded.byteLength);
  new Uint8Array(copy).set(decoded);
  return copy;
}
