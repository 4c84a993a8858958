import {
  type LearnedRouter,
  type LearnedRouterOptions,
  type RouterDecision,
  type RoutingExample,
  type TrainedRouter,
  trainLearnedRouter,
} from './learned-router.js';
import type { SparseVector } from './sparse-vector.js';

/** Embeds texts, e.g. through `stack.embed` with the configured embedding model. */
export type Embed = (texts: string[]) => Promise<number[][]>;

/** How many prompts one `embed` call carries while training or evaluating. */
export const embeddingBatch = 64;

/** An embedding as an L2-normalised vector the neighbour index takes (every dimension present). */
export function embeddingVector(values: readonly number[]): SparseVector {
  const norm = Math.sqrt(values.reduce((total, value) => total + value * value, 0)) || 1;
  return {
    indices: Int32Array.from(values, (_, index) => index),
    values: Float32Array.from(values, (value) => value / norm),
  };
}

/**
 * Trains the kNN router on prompt embeddings instead of TF-IDF: the same neighbours, predictors and
 * λ trade-off, with similarity measured by the embedding model `model` (which `embed` calls; routing
 * embeds each prompt with the same model). Deterministic when `embed` is.
 */
export async function trainEmbeddedRouter(
  examples: readonly RoutingExample[],
  options: LearnedRouterOptions,
  model: string,
  embed: Embed,
): Promise<TrainedRouter> {
  const base = trainLearnedRouter(examples, { ...options, maxFeatures: 0 });
  // trainLearnedRouter sorts rows by id; embed in that order so vectors line up with scores.
  const rows = [...examples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vectors: SparseVector[] = [];
  for (let start = 0; start < rows.length; start += embeddingBatch) {
    const batch = rows.slice(start, start + embeddingBatch).map((row) => row.prompt);
    for (const embedding of await embed(batch)) vectors.push(embeddingVector(embedding));
  }
  return { ...base, vectors, embeddingModel: model };
}

/** Chooses for a prompt with an embedded router: one `embed` call, then the kNN decision. */
export async function chooseWithEmbedding(
  router: LearnedRouter,
  embed: Embed,
  prompt: string,
  lambda: number,
  candidates?: readonly string[],
): Promise<RouterDecision> {
  const [embedding] = await embed([prompt]);
  if (embedding === undefined) throw new Error('the embedding model returned no vector');
  return router.chooseVector(embeddingVector(embedding), lambda, candidates);
}
