import { StrataError } from '../core/errors.js';
import type { ChatRequest, ChatResponse } from '../core/types.js';
import type { Answer } from './call-attempt.js';
import { type OrderInput, orderLeaves } from './order-leaves.js';
import type { Leaf, Route } from './plan.js';
import type { RouteRun } from './route-run.js';
import { runChain } from './run-chain.js';
import type { VerifierCallPurpose, VerifyContext } from './verifiers/verifier.js';

/**
 * What a cascade's verifiers may use: model calls made as attempts of the same routed request (so each
 * is a `verifier` or `judge` ledger row, retried and failed over like any attempt). The model may be a
 * route (not a cascade) or a plain model name.
 */
export function createVerifyContext(
  run: RouteRun,
  order: OrderInput,
  routes: ReadonlyMap<string, Route>,
  leavesOf: (name: string) => Leaf[] | undefined,
): VerifyContext {
  return {
    signal: run.signal,
    async chat(request: ChatRequest, purpose: VerifierCallPurpose): Promise<ChatResponse> {
      const target = routes.get(request.model);
      const leaves =
        target?.body.kind === 'plan'
          ? await orderLeaves(target.body.node, { ...order, request })
          : leavesOf(request.model);
      if (!leaves) {
        throw new StrataError(
          'model_not_found',
          `The verifier's model \`${request.model}\` is neither a route nor a model a configured provider serves.`,
        );
      }
      const { answer } = await runChain(leaves, run, {
        purpose,
        stream: false,
        request: { ...request, stream: false },
      });
      return (answer as Answer & { kind: 'response' }).response;
    },
  };
}
