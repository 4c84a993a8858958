import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from '../config/env.js';
import { configSchema } from '../config/schema.js';
import type { ReplayReceipt } from '../models/replay/replay-answer.js';
import { createStack } from '../pipeline/stack.js';

/** What replaying a routing-outcomes file measured for one candidate model or route. */
export interface ReplayMeasure {
  candidate: string;
  queries: number;
  /** The mean recorded score of the answers served: the expected success rate. */
  success_rate: number;
  /** The mean cost of every attempt the ledger recorded per query. */
  cost_per_request_usd: number;
}

interface OutcomeLine {
  id: string;
  split?: string;
  prompt: string;
  scores: Record<string, number | null>;
  cost_usd: Record<string, number | null>;
}

/** The queries of a split where every model has a score and a cost, as the routing bench keeps them. */
async function completeQueries(path: string, split: string): Promise<OutcomeLine[]> {
  const lines = (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OutcomeLine);
  const models = new Set(lines.flatMap((line) => Object.keys(line.scores)));
  return lines.filter(
    (line) =>
      line.split === split &&
      [...models].every((model) => line.scores[model] != null && line.cost_usd[model] != null),
  );
}

/**
 * Replays a routing-outcomes file (the replay provider's format) through the real pipeline: each query of
 * `split` is sent to each candidate (`replay/<model>`, or a route of `routes`), and the recorded score of
 * the answer and the ledger's cost of every attempt give the candidate's success rate and cost.
 */
export async function replayForecast(input: {
  data: string;
  split?: string | undefined;
  candidates: readonly string[];
  routes?: Record<string, unknown> | undefined;
}): Promise<ReplayMeasure[]> {
  const queries = await completeQueries(input.data, input.split ?? 'test');
  if (queries.length === 0)
    throw new Error(`${input.data} has no complete queries in split \`${input.split ?? 'test'}\``);
  const home = await mkdtemp(join(tmpdir(), 'strata-simulate-'));
  const stack = await createStack(
    configSchema.parse({
      store: { home },
      providers: { replay: { kind: 'replay', data: input.data } },
      routes: input.routes ?? {},
      knowledge: { ingest_project_docs: false },
      observability: { traces: false, metrics: false, logs: 'off' },
    }),
    readEnvironment({}),
  );
  try {
    const measures: ReplayMeasure[] = [];
    let sequence = 0;
    for (const candidate of input.candidates) {
      const model = input.routes?.[candidate] === undefined ? `replay/${candidate}` : candidate;
      let score = 0;
      const requestIds: string[] = [];
      for (const query of queries) {
        const requestId = `simulate_${++sequence}`;
        requestIds.push(requestId);
        const outcome = await stack.chat({
          requestId,
          endpoint: 'strata/simulate',
          request: { model, messages: [{ role: 'user', content: query.prompt }] },
          principal: { kind: 'master', keyId: null, keyName: null, team: null },
          signal: AbortSignal.timeout(60_000),
          startedAt: performance.now(),
        });
        if (outcome.kind !== 'response') throw new Error('the replay answered with a stream');
        score += (outcome.response.strata_replay as ReplayReceipt | undefined)?.score ?? 0;
      }
      await stack.flush();
      let cost = 0;
      for (const requestId of requestIds)
        for (const row of await stack.ledger.rowsOf(requestId)) cost += row.costUsd ?? 0;
      measures.push({
        candidate,
        queries: queries.length,
        success_rate: score / queries.length,
        cost_per_request_usd: cost / queries.length,
      });
    }
    return measures;
  } finally {
    await stack.close();
    await rm(home, { recursive: true, force: true });
  }
}
