import { StrataError } from '../../core/errors.js';
import { createNeighbourIndex, type NeighbourIndex } from './neighbour-index.js';
import type { SparseVector } from './sparse-vector.js';
import { fitTfidf, type Tfidf, type TfidfOptions, vectorise } from './tfidf.js';

/** One training example: a prompt and what each model scored and cost on it (null when unknown). */
export interface RoutingExample {
  id: string;
  prompt: string;
  scores: Readonly<Record<string, number | null>>;
  costs: Readonly<Record<string, number | null>>;
}

/**
 * A checked cascade a learned router may choose like a model: `first` answers, `partner` answers too
 * and `self_consistency` compares them, and a disagreement escalates to `escalate`. `name` is the
 * cascade route's name, which is also the router's column for it.
 */
export interface CheckedCascade {
  name: string;
  first: string;
  partner: string;
  escalate: string;
}

/** Hyper-parameters of a learned router. */
export interface LearnedRouterOptions extends TfidfOptions {
  /** Neighbours per prediction. */
  k: number;
  /** Weight of each model's global mean in a prediction, in neighbours; smooths sparse neighbourhoods. */
  prior: number;
}

/** Defaults: k=100 won on the validation slices of both benchmark datasets (bench/routing/README.md). */
export const defaultLearnedRouterOptions = {
  k: 100,
  prior: 2,
  minDf: 2,
  maxDfRatio: 0.3,
  maxFeatures: 50_000,
  maxTermsPerText: 64,
} satisfies LearnedRouterOptions;

/** A trained router's state: enough to rebuild it exactly. */
export interface TrainedRouter {
  models: string[];
  options: LearnedRouterOptions;
  tfidf: Tfidf;
  vectors: SparseVector[];
  /** Row-major [row][model] scores, NaN when unknown. */
  scores: Float32Array;
  /** Row-major [row][model] costs in USD, NaN when unknown. */
  costs: Float32Array;
  /** Each model's mean score and cost over the training rows that know them. */
  meanScores: number[];
  meanCosts: number[];
  /** The largest mean cost: costs are divided by it, so lambda is in quality points per that cost. */
  costScale: number;
  /**
   * Set when the vectors are prompt embeddings rather than TF-IDF (the vocabulary is then empty): the
   * embedding model that made them, which must embed prompts at routing time too.
   */
  embeddingModel?: string;
  /** The checked cascades among `models`, scored from recorded responses, so eval can score them again. */
  cascades?: CheckedCascade[];
}

/** What the router predicts for one prompt, per model in `models` order. */
export interface RouterPrediction {
  quality: number[];
  cost: number[];
}

/** A model choice and why. */
export interface RouterDecision {
  model: string;
  /** Predicted quality and USD cost of the chosen model. */
  quality: number;
  cost: number;
  /** quality − λ·cost/costScale, the value maximised. */
  utility: number;
}

/** A ready learned router: predicts per-model quality and cost, and picks argmax(quality − λ·cost). */
export interface LearnedRouter {
  readonly trained: TrainedRouter;
  predict(prompt: string): RouterPrediction;
  /** Predicts from a ready feature vector (an embedding, for an embedded router). */
  predictVector(vector: SparseVector): RouterPrediction;
  /** Picks among `candidates` (default all models) with the cost/quality knob `lambda` ≥ 0. */
  choose(prompt: string, lambda: number, candidates?: readonly string[]): RouterDecision;
  /** `choose` from a ready feature vector. */
  chooseVector(vector: SparseVector, lambda: number, candidates?: readonly string[]): RouterDecision;
}

/** Trains deterministically: rows are sorted by id, so file order does not change the model. */
export function trainLearnedRouter(
  examples: readonly RoutingExample[],
  options: LearnedRouterOptions = defaultLearnedRouterOptions,
): TrainedRouter {
  const rows = [...examples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const models = [...new Set(rows.flatMap((row) => Object.keys(row.scores)))].sort();
  const tfidf = fitTfidf(
    rows.map((row) => row.prompt),
    options,
  );
  const vectors = rows.map((row) => vectorise(tfidf, row.prompt));
  const scores = new Float32Array(rows.length * models.length).fill(Number.NaN);
  const costs = new Float32Array(rows.length * models.length).fill(Number.NaN);
  rows.forEach((row, rowIndex) => {
    models.forEach((model, modelIndex) => {
      const score = row.scores[model];
      const cost = row.costs[model];
      if (typeof score === 'number') scores[rowIndex * models.length + modelIndex] = score;
      if (typeof cost === 'number') costs[rowIndex * models.length + modelIndex] = cost;
    });
  });
  const meanScores = models.map((_, index) => columnMean(scores, models.length, index));
  const meanCosts = models.map((_, index) => columnMean(costs, models.length, index));
  const costScale = Math.max(...meanCosts.filter((cost) => cost > 0), Number.MIN_VALUE);
  return { models, options, tfidf, vectors, scores, costs, meanScores, meanCosts, costScale };
}

/** Builds the router (its inverted index) from a trained state. */
export function createLearnedRouter(trained: TrainedRouter): LearnedRouter {
  const dimensions = trained.vectors.reduce(
    (largest, vector) => Math.max(largest, (vector.indices[vector.indices.length - 1] ?? -1) + 1),
    trained.tfidf.idf.length,
  );
  const index: NeighbourIndex = createNeighbourIndex(trained.vectors, dimensions);
  const width = trained.models.length;
  const { k, prior } = trained.options;

  function predict(prompt: string): RouterPrediction {
    if (trained.embeddingModel !== undefined) {
      throw new StrataError(
        'config_invalid',
        'This router was trained on embeddings; embed the prompt first.',
      );
    }
    return predictVector(vectorise(trained.tfidf, prompt));
  }

  function predictVector(vector: SparseVector): RouterPrediction {
    const neighbours = index.nearest(vector, k);
    const quality: number[] = [];
    const cost: number[] = [];
    for (let model = 0; model < width; model++) {
      let scoreSum = prior * (trained.meanScores[model] ?? 0);
      let scoreWeight = prior;
      let costSum = prior * (trained.meanCosts[model] ?? 0);
      let costWeight = prior;
      for (const { row, similarity } of neighbours) {
        const score = trained.scores[row * width + model] ?? Number.NaN;
        const rowCost = trained.costs[row * width + model] ?? Number.NaN;
        if (!Number.isNaN(score)) {
          scoreSum += similarity * score;
          scoreWeight += similarity;
        }
        if (!Number.isNaN(rowCost)) {
          costSum += similarity * rowCost;
          costWeight += similarity;
        }
      }
      quality.push(scoreSum / scoreWeight);
      cost.push(costSum / costWeight);
    }
    return { quality, cost };
  }

  return {
    trained,
    predict,
    predictVector,
    choose: (prompt, lambda, candidates) => pickModel(trained, predict(prompt), lambda, candidates),
    chooseVector: (vector, lambda, candidates) =>
      pickModel(trained, predictVector(vector), lambda, candidates),
  };
}

/** The argmax of quality − λ·cost/costScale over `candidates` (default all models) of a prediction. */
export function pickModel(
  trained: TrainedRouter,
  prediction: RouterPrediction,
  lambda: number,
  candidates?: readonly string[],
): RouterDecision {
  let best: RouterDecision | undefined;
  trained.models.forEach((model, position) => {
    if (candidates !== undefined && !candidates.includes(model)) return;
    const quality = prediction.quality[position] ?? 0;
    const cost = prediction.cost[position] ?? 0;
    const utility = quality - (lambda * cost) / trained.costScale;
    if (best === undefined || utility > best.utility) best = { model, quality, cost, utility };
  });
  if (best === undefined) throw new Error('the router knows none of the candidate models');
  return best;
}

function columnMean(matrix: Float32Array, width: number, column: number): number {
  let sum = 0;
  let count = 0;
  for (let position = column; position < matrix.length; position += width) {
    const value = matrix[position] ?? Number.NaN;
    if (!Number.isNaN(value)) {
      sum += value;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}
