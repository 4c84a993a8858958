import type { Environment } from '../config/env.js';
import type { Config } from '../config/schema.js';
import { StrataError } from '../core/errors.js';
import { loadOutcomes } from '../models/replay/outcomes.js';
import { createStack, embedTexts } from '../pipeline/stack.js';
import { parseCheckedCascade, withCascades } from '../routing/learned/checked-cascades.js';
import {
  type Embed,
  embeddingBatch,
  embeddingVector,
  trainEmbeddedRouter,
} from '../routing/learned/embedding-features.js';
import {
  type CheckedCascade,
  createLearnedRouter,
  defaultLearnedRouterOptions,
  type LearnedRouter,
  type LearnedRouterOptions,
  pickModel,
  type RouterPrediction,
  type RoutingExample,
  trainLearnedRouter,
} from '../routing/learned/learned-router.js';
import { decodeRouter, encodeRouter } from '../routing/learned/router-codec.js';
import { toRoutingExample } from '../routing/learned/routing-examples.js';
import { openDatabase } from '../store/database.js';
import { createRoutersRepository } from '../store/routers-repository.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';

/** Options of `strata router train|eval|list`. */
export interface RouterOptions {
  config?: string;
  name?: string;
  data?: string;
  split?: string;
  k?: number;
  /** Train on prompt embeddings from this configured model instead of TF-IDF. */
  embeddingModel?: string;
  /** Checked cascades to add as columns, each `name=first,partner,escalate`. */
  cascades?: string[];
  fromLedger: boolean;
  /** With `fromLedger`: how far back the traffic is read, e.g. `30d`. */
  period?: string;
  /** With `fromLedger`: the share of prompts training leaves out and eval measures on. */
  holdout?: number;
  json: boolean;
}

/** The λ values `strata router eval` reports. */
const evalLambdas = [0, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 100];

/** `strata router train|eval|list`: trains a kNN router from outcomes into the store, or measures one. */
export async function routerCommand(action: string | undefined, options: RouterOptions): Promise<void> {
  if (action !== 'train' && action !== 'eval' && action !== 'list') {
    throw new CliError('Usage: strata router train|eval|list [--name <router>] [--data <outcomes.jsonl>]');
  }
  if (action !== 'list' && options.fromLedger) {
    const { trainRouterFromLedger, evalRouterFromLedger } = await import('./router-ledger.js');
    const ledgerOptions = { ...options, name: required('name', options.name) };
    return action === 'train' ? trainRouterFromLedger(ledgerOptions) : evalRouterFromLedger(ledgerOptions);
  }
  const { config, environment } = await loadConfigOrFail(options.config);
  const store = await openingStore(config, () =>
    openDatabase({
      home: config.store.home,
      ...(config.store.database_url && { url: config.store.database_url }),
    }),
  );
  try {
    const routers = createRoutersRepository(store.db);
    if (action === 'list') {
      const list = await routers.list();
      console.log(
        options.json
          ? JSON.stringify(list, null, 2)
          : list
              .map(
                (row) =>
                  `${row.name}\t${row.kind}\t${row.training_rows} rows\t${row.trained_at}\t${row.source}`,
              )
              .join('\n') || 'no routers',
      );
      return;
    }
    const name = required('name', options.name);
    if (action === 'train') {
      const data = required('data', options.data);
      const split = options.split ?? 'train';
      const cascades = (options.cascades ?? []).map((text) => {
        const cascade = parseCheckedCascade(text);
        if (!cascade)
          throw new CliError(`--cascade takes <name>=<first>,<partner>,<escalate>, not \`${text}\`.`);
        return cascade;
      });
      const examples = await examplesFrom(data, split, cascades);
      const trainingOptions: LearnedRouterOptions = {
        ...defaultLearnedRouterOptions,
        ...(options.k !== undefined && { k: options.k }),
      };
      const started = performance.now();
      const { embeddingModel } = options;
      const base =
        embeddingModel === undefined
          ? trainLearnedRouter(examples, trainingOptions)
          : await withEmbedder(config, environment, embeddingModel, (embed) =>
              trainEmbeddedRouter(examples, trainingOptions, embeddingModel, embed),
            );
      const trained = cascades.length > 0 ? { ...base, cascades } : base;
      const trainMs = performance.now() - started;
      await routers.save({
        name,
        kind: embeddingModel === undefined ? 'knn' : 'knn-embedding',
        trained_at: new Date().toISOString(),
        training_rows: examples.length,
        source: `${data} (split ${split})`,
        model: encodeRouter(trained),
      });
      const summary = {
        name,
        rows: examples.length,
        models: trained.models,
        k: trainingOptions.k,
        vocabulary: trained.tfidf.vocabulary.size,
        ...(embeddingModel !== undefined && { embedding_model: embeddingModel }),
        train_ms: Math.round(trainMs),
      };
      console.log(
        options.json
          ? JSON.stringify(summary, null, 2)
          : `trained router \`${name}\` on ${examples.length} rows of ${data} (${split}): ${trained.models.length} models, ${embeddingModel === undefined ? `${summary.vocabulary} terms` : `embeddings from ${embeddingModel}`}, k=${summary.k}, ${summary.train_ms} ms`,
      );
      return;
    }
    const stored = await routers.get(name);
    if (stored === undefined)
      throw new CliError(`There is no router \`${name}\`; train it with \`strata router train\`.`);
    const router = createLearnedRouter(decodeRouter(stored.model));
    const examples = await examplesFrom(
      required('data', options.data),
      options.split ?? 'test',
      router.trained.cascades ?? [],
    );
    const embeddingModel = router.trained.embeddingModel;
    const predictions =
      embeddingModel === undefined
        ? examples.map((example) => router.predict(example.prompt))
        : await withEmbedder(config, environment, embeddingModel, (embed) =>
            predictEmbedded(router, embed, examples),
          );
    const rows = evalLambdas.map((lambda) => {
      let accuracy = 0;
      let cost = 0;
      for (const [index, example] of examples.entries()) {
        const model = pickModel(router.trained, predictions[index] as RouterPrediction, lambda).model;
        accuracy += example.scores[model] ?? 0;
        cost += example.costs[model] ?? 0;
      }
      return { lambda, accuracy: accuracy / examples.length, cost_per_1k: (cost / examples.length) * 1000 };
    });
    console.log(
      options.json
        ? JSON.stringify({ name, rows: examples.length, lambdas: rows }, null, 2)
        : [
            `router \`${name}\` on ${examples.length} rows`,
            'lambda\taccuracy\t$ per 1k queries',
            ...rows.map(
              (row) => `${row.lambda}\t${(row.accuracy * 100).toFixed(1)}%\t$${row.cost_per_1k.toFixed(3)}`,
            ),
          ].join('\n'),
    );
  } finally {
    await store.close();
  }
}

/**
 * Runs `use` with an embedder over a gateway stack built from the config: the embeddings calls go
 * through the pipeline as the master key, so they are recorded and paid like any others.
 */
async function withEmbedder<T>(
  config: Config,
  environment: Environment,
  model: string,
  use: (embed: Embed) => Promise<T>,
): Promise<T> {
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    return await use((texts) =>
      embedTexts(stack.embed, {
        model,
        texts,
        principal: { kind: 'master', keyId: null, keyName: null, team: null },
        timeoutMs: config.limits.request_timeout_ms,
      }),
    );
  } catch (error) {
    if (error instanceof StrataError)
      throw new CliError(`Embedding with \`${model}\` failed: ${error.message}`);
    throw error;
  } finally {
    await stack.close();
  }
}

/** Predictions for the examples from an embedded router, embedding the prompts in batches. */
async function predictEmbedded(
  router: LearnedRouter,
  embed: Embed,
  examples: readonly RoutingExample[],
): Promise<RouterPrediction[]> {
  const predictions: RouterPrediction[] = [];
  for (let start = 0; start < examples.length; start += embeddingBatch) {
    const batch = examples.slice(start, start + embeddingBatch).map((example) => example.prompt);
    for (const vector of await embed(batch)) predictions.push(router.predictVector(embeddingVector(vector)));
  }
  return predictions;
}

/** The split's rows as examples, with a column per checked cascade scored from the recorded responses. */
async function examplesFrom(data: string, split: string, cascades: readonly CheckedCascade[]) {
  const index = await loadOutcomes(data);
  const queries = [...index.queries()].filter((query) => query.split === split);
  if (queries.length === 0) throw new CliError(`${data} has no rows in split \`${split}\`.`);
  for (const cascade of cascades) {
    for (const model of [cascade.first, cascade.partner, cascade.escalate]) {
      if (!queries.some((query) => query.outcomes.get(model)?.response !== undefined)) {
        throw new CliError(
          `--cascade ${cascade.name}: ${data} has no recorded responses of \`${model}\` in split \`${split}\` to compare.`,
        );
      }
    }
  }
  return queries.map((query) =>
    cascades.length > 0 ? withCascades(query, cascades) : toRoutingExample(query),
  );
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined) throw new CliError(`--${flag} is required.`);
  return value;
}
