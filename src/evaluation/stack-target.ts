import { StrataError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import type { ChatRequest, Principal } from '../core/types.js';
import { createRequestGroundedness } from '../knowledge/request-groundedness.js';
import { embedTexts, type Stack } from '../pipeline/stack.js';
import type { CallTag, EvalTarget } from './experiments/run-experiment.js';

/** Eval calls act as the operator, and keep their prompts and answers on their traces. */
const evalPrincipal: Principal = {
  kind: 'master',
  keyId: null,
  keyName: 'eval',
  team: null,
  captureContent: true,
};

/** The endpoint eval calls are logged under. */
const evalEndpoint = 'strata/eval';

/**
 * Experiment calls through the stack's pipeline: each is priced into the ledger, logged and traced like a
 * client's call, tagged `experiment:<id>` and `variant:<label>` with feature `eval`; judge calls too.
 */
export function stackTarget(stack: Stack, options: { embeddingModel?: string | undefined } = {}): EvalTarget {
  let spent = 0;
  const timeoutMs = stack.config.limits.request_timeout_ms;
  async function chat(request: ChatRequest, tag: CallTag, signal: AbortSignal, purpose?: string) {
    const requestId = newRequestId();
    const tags = [
      `experiment:${tag.experimentId}`,
      `variant:${tag.variant}`,
      ...(purpose ? [`purpose:${purpose}`] : []),
    ];
    const outcome = await stack.chat({
      requestId,
      endpoint: evalEndpoint,
      request: {
        ...request,
        stream: false,
        metadata: { ...request.metadata, tags: tags.join(','), feature: 'eval' },
      },
      principal: evalPrincipal,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      startedAt: performance.now(),
      ...(tag.prompt && !purpose && { prompt: tag.prompt }),
    });
    if (outcome.kind !== 'response')
      throw new StrataError(
        'internal_error',
        'An eval call came back as a stream although it asked for none.',
      );
    const costUsd = outcome.accounting?.costUsd ?? null;
    spent += costUsd ?? 0;
    return { response: outcome.response, costUsd, requestId };
  }
  const grounded = createRequestGroundedness({
    retrieve: async (query, count) =>
      (await stack.knowledge.search(stack.config.knowledge.default_kb, query, { topK: count })).map(
        (hit) => ({
          id: hit.id,
          text: hit.text,
        }),
      ),
    topK: stack.config.knowledge.top_k,
  });
  return {
    chat: (request, tag, signal) => chat(request, tag, signal),
    assertionContext(tag, signal) {
      const embeddingModel = options.embeddingModel;
      return {
        signal,
        grounded,
        chat: async (request, purpose) => (await chat(request, tag, signal, purpose)).response,
        ...(embeddingModel !== undefined && {
          embed: (texts: string[]) =>
            embedTexts(stack.embed, { model: embeddingModel, texts, principal: evalPrincipal, timeoutMs }),
        }),
      };
    },
    spentUsd: () => spent,
  };
}
