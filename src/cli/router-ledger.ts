import { createStack, type Stack } from '../pipeline/stack.js';
import {
  createLearnedRouter,
  defaultLearnedRouterOptions,
  pickModel,
  trainLearnedRouter,
} from '../routing/learned/learned-router.js';
import { decodeRouter, encodeRouter } from '../routing/learned/router-codec.js';
import { inValidationSlice } from '../routing/learned/routing-examples.js';
import { createRoutersRepository } from '../store/routers-repository.js';
import { valueLayerOf } from '../value/create-value.js';
import { capturedPrompt, ledgerExamples } from '../value/ledger-examples.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';
import { windowFrom } from './value.js';

/** Options of `strata router train|eval --from-ledger`. */
export interface LedgerRouterOptions {
  config?: string;
  name: string;
  period?: string;
  /** The share of prompts held out of training for `eval` (a stable hash of the prompt picks them). */
  holdout?: number;
  k?: number;
  json: boolean;
}

/** Routing examples from a period of the ledger, split into what training keeps and what eval holds out. */
async function ledgerSplit(stack: Stack, options: LedgerRouterOptions) {
  const window = windowFrom({
    json: options.json,
    ...(options.period !== undefined && { period: options.period }),
  });
  const value = await valueLayerOf(stack);
  const found = await ledgerExamples(await value.reports.join(window), async (id) =>
    capturedPrompt(await stack.traces.byRequest(id)),
  );
  if (found.examples.length === 0)
    throw new CliError(
      'No request in the period has both a posted outcome and a captured prompt: turn on observability.capture_content (or capture on a key or route) and post outcomes.',
    );
  const share = options.holdout ?? 0;
  const heldOut = (prompt: string) => share > 0 && inValidationSlice(prompt, share);
  return {
    ...found,
    window,
    train: found.examples.filter((example) => !heldOut(example.prompt)),
    test: found.examples.filter((example) => heldOut(example.prompt)),
  };
}

async function withLedgerStack<T>(
  options: LedgerRouterOptions,
  run: (stack: Stack) => Promise<T>,
): Promise<T> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    return await run(stack);
  } finally {
    await stack.close();
  }
}

/** `strata router train --from-ledger`: a learned router trained on Strata's own calls and their outcomes. */
export async function trainRouterFromLedger(options: LedgerRouterOptions): Promise<void> {
  await withLedgerStack(options, async (stack) => {
    const { train, outcomes, skipped, window } = await ledgerSplit(stack, options);
    if (train.length === 0) throw new CliError('Every prompt fell in the held-out slice; lower --holdout.');
    const trained = trainLearnedRouter(train, {
      ...defaultLearnedRouterOptions,
      ...(options.k !== undefined && { k: options.k }),
    });
    await createRoutersRepository(stack.db).save({
      name: options.name,
      kind: 'knn',
      trained_at: new Date().toISOString(),
      training_rows: train.length,
      source: `ledger ${window.from} to ${window.to} (${outcomes} outcomes, holdout ${options.holdout ?? 0})`,
      model: encodeRouter(trained),
    });
    const summary = { name: options.name, rows: train.length, outcomes, skipped, models: trained.models };
    console.log(
      options.json
        ? JSON.stringify(summary)
        : `trained router \`${options.name}\` on ${train.length} prompts from the ledger (${outcomes} outcomes; ${skipped} requests without a captured prompt skipped): ${trained.models.join(', ')}`,
    );
  });
}

/**
 * `strata router eval --from-ledger --holdout 0.2`: the stored router on the held-out prompts of the
 * ledger, counting only prompts where every model it knows has an outcome, so each choice is scored.
 */
export async function evalRouterFromLedger(options: LedgerRouterOptions): Promise<void> {
  if (!(options.holdout !== undefined && options.holdout > 0 && options.holdout < 1))
    throw new CliError('--holdout must be the share the training held out, between 0 and 1, e.g. 0.2');
  await withLedgerStack(options, async (stack) => {
    const stored = await createRoutersRepository(stack.db).get(options.name);
    if (stored === undefined) throw new CliError(`There is no router \`${options.name}\`.`);
    const router = createLearnedRouter(decodeRouter(stored.model));
    const { test } = await ledgerSplit(stack, options);
    const scored = test.filter((example) =>
      router.trained.models.every((model) => example.scores[model] != null && example.costs[model] != null),
    );
    if (scored.length === 0)
      throw new CliError('No held-out prompt has an outcome for every model the router knows.');
    const predictions = scored.map((example) => router.predict(example.prompt));
    const rows = [0, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 100].map((lambda) => {
      let accuracy = 0;
      let cost = 0;
      for (const [index, example] of scored.entries()) {
        const prediction = predictions[index];
        if (!prediction) continue;
        const model = pickModel(router.trained, prediction, lambda).model;
        accuracy += example.scores[model] ?? 0;
        cost += example.costs[model] ?? 0;
      }
      return { lambda, accuracy: accuracy / scored.length, cost_per_1k: (cost / scored.length) * 1000 };
    });
    console.log(
      options.json
        ? JSON.stringify({ name: options.name, rows: scored.length, held_out: test.length, lambdas: rows })
        : [
            `router \`${options.name}\` on ${scored.length} held-out prompts of the ledger`,
            'lambda\taccuracy\t$ per 1k queries',
            ...rows.map(
              (row) => `${row.lambda}\t${(row.accuracy * 100).toFixed(1)}%\t$${row.cost_per_1k.toFixed(3)}`,
            ),
          ].join('\n'),
    );
  });
}
