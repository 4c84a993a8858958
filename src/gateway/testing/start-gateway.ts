import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readEnvironment } from '../../config/env.js';
import { parseConfig } from '../../config/load.js';
import type { Stack, StackDeps } from '../../pipeline/stack.js';
import { createStack } from '../../pipeline/stack.js';
import type { LedgerRow } from '../../store/ledger.js';
import { createApp } from '../app.js';

/** A gateway running on 127.0.0.1 for a test, with its own store in a temporary folder. */
export interface TestGateway {
  url: string;
  masterKey: string;
  stack: Stack;
  /** The HTTP app, e.g. to read its route table. */
  app: FastifyInstance;
  /** Writes queued rows, then reads the ledger rows of the call a response (or request id) answered. */
  ledgerOf(call: Response | string): Promise<LedgerRow[]>;
  /** Stops the server, flushes the request log and removes the store. */
  close(): Promise<void>;
}

/** Starts a real gateway from a config document (as `strata.yaml` would hold it). */
export async function startGateway(
  document: Record<string, unknown>,
  options: { noAuth?: boolean; environment?: Record<string, string>; stackDeps?: StackDeps } = {},
): Promise<TestGateway> {
  const home = await mkdtemp(join(tmpdir(), 'strata-gateway-'));
  const masterKey = 'sk-strata-test-master-key-000000000000';
  const environment = readEnvironment({
    STRATA_HOME: home,
    STRATA_MASTER_KEY: masterKey,
    ...options.environment,
  });
  const parsed = parseConfig(document, environment);
  if (!parsed.ok) throw new Error(`test config is invalid: ${parsed.issues.join('; ')}`);
  const stack = await createStack(parsed.value, environment, options.stackDeps);
  await stack.keys.ensureMasterKey(masterKey);
  const app = createApp({ stack, noAuth: options.noAuth === true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the gateway has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    masterKey,
    stack,
    app,
    async ledgerOf(call) {
      await stack.flush();
      return stack.ledger.rowsOf(typeof call === 'string' ? call : (call.headers.get('x-request-id') ?? ''));
    },
    async close() {
      await app.close();
      await stack.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
