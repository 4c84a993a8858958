import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import type { ChatRequest, ChatResponse } from '../../src/core/types.js';
import type { ReplayReceipt } from '../../src/models/replay/replay-answer.js';
import { createStack, type Stack } from '../../src/pipeline/stack.js';
import { openDatabase } from '../../src/store/database.js';
import { createRoutersRepository } from '../../src/store/routers-repository.js';

/** The real pipeline over a `replay` provider serving one outcomes file, with a throwaway store. */
export interface ReplayPipeline {
  /**
   * Sends the request through `stack.chat` to `replay/<model>`, or to the route `request.model` names
   * when `route` is set; the answer carries its replay receipt.
   */
  chat(request: ChatRequest, options?: { route?: boolean }): Promise<ChatResponse>;
  /**
   * Every attempt a routed answer paid for (cascade tiers, verifier calls, fallbacks), read back from
   * the ledger, and whether one of them was an escalation.
   */
  paid(response: ChatResponse): Promise<{ costUsd: number; attempts: number; escalated: boolean }>;
  /** Calls made so far. */
  readonly calls: number;
  close(): Promise<void>;
}

/** The replay provider's id in the bench config. */
const providerId = 'replay';

/** Routes and the trained routers they load, stored before the stack starts. */
export interface ReplayPipelineOptions {
  routes?: Record<string, unknown>;
  routers?: Array<{ name: string; model: string; source: string; rows: number }>;
}

/** The model name that reaches `model` through the replay provider, for route targets. */
export function replayModel(model: string): string {
  return `${providerId}/${model}`;
}

/** Builds the stack; costs and scores come back in each response's `strata_replay` receipt. */
export async function openReplayPipeline(
  dataPath: string,
  options: ReplayPipelineOptions = {},
): Promise<ReplayPipeline> {
  const home = await mkdtemp(join(tmpdir(), 'strata-bench-routing-'));
  if (options.routers !== undefined && options.routers.length > 0) {
    const store = await openDatabase({ home });
    const routers = createRoutersRepository(store.db);
    for (const router of options.routers) {
      await routers.save({
        name: router.name,
        kind: 'knn',
        trained_at: new Date().toISOString(),
        training_rows: router.rows,
        source: router.source,
        model: router.model,
      });
    }
    await store.close();
  }
  const config = configSchema.parse({
    server: { auth: false },
    store: { home },
    request_log: { batch_size: 2000, flush_interval_ms: 1000 },
    providers: { [providerId]: { kind: 'replay', data: dataPath } },
    routes: options.routes ?? {},
  });
  const stack: Stack = await createStack(config, readEnvironment({}));
  let calls = 0;
  const controller = new AbortController();
  const requestIds = new WeakMap<ChatResponse, string>();
  return {
    get calls() {
      return calls;
    },
    async chat(request, chatOptions = {}) {
      calls++;
      const requestId = `bench_${calls}`;
      const outcome = await stack.chat({
        requestId,
        endpoint: 'bench/routing',
        request: {
          ...request,
          model: chatOptions.route ? request.model : replayModel(request.model),
          stream: false,
        },
        principal: { kind: 'master', keyId: null, keyName: null, team: null },
        signal: controller.signal,
        startedAt: performance.now(),
      });
      if (outcome.kind !== 'response') throw new Error('the bench asked for a whole response, got a stream');
      requestIds.set(outcome.response, requestId);
      return outcome.response;
    },
    async paid(response) {
      const requestId = requestIds.get(response);
      if (requestId === undefined) throw new Error('the response did not come from this pipeline');
      await stack.flush();
      const rows = await stack.ledger.rowsOf(requestId);
      return {
        costUsd: rows.reduce((total, row) => total + (row.costUsd ?? 0), 0),
        attempts: rows.length,
        escalated: rows.some((row) => row.purpose === 'escalation'),
      };
    },
    async close() {
      await stack.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** The replay receipt of a response: recorded cost and score of the model on that query. */
export function receiptOf(response: ChatResponse): ReplayReceipt {
  const receipt = response.strata_replay as ReplayReceipt | undefined;
  if (receipt === undefined) throw new Error('the response has no replay receipt');
  return receipt;
}
