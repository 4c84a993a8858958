import { StrataError, toStrataError } from '../../core/errors.js';
import { assertCapabilities } from '../../models/capabilities.js';
import { capabilitiesFromCatalog } from '../../models/catalog/capabilities-from-catalog.js';
import type { Catalog } from '../../models/catalog/catalog.js';
import type { ModelRegistry, ResolvedModel } from '../../models/model-registry.js';
import type { CallOptions } from '../../models/provider.js';
import type { Answer } from '../../routing/call-attempt.js';
import type { Router } from '../../routing/router.js';
import type { Call, ChatCall, ChatOutcome, EmbeddingCall, EmbeddingOutcome } from '../call.js';
import { tapStream } from '../tap-stream.js';

/** The 404 for a model no alias, `models` entry, route or configured provider serves. */
export function modelNotFound(model: string): StrataError {
  return new StrataError(
    'model_not_found',
    `The model \`${model}\` does not exist or no configured provider serves it. GET /v1/models lists the models you can use; \`provider/model\` reaches any model of a configured provider.`,
    { param: 'model' },
  );
}

/** Resolves the requested model or fails with 404 `model_not_found`. */
function resolve(registry: ModelRegistry, call: Call<{ model: string }>): ResolvedModel {
  const resolved = registry.resolve(call.request.model);
  if (!resolved) throw modelNotFound(call.request.model);
  call.resolved = resolved;
  return resolved;
}

/** Calls the resolved provider for a chat request: one attempt (plans, retries and cascades build on this). */
export function attemptChat(
  registry: ModelRegistry,
  timeoutMs: number,
  catalog: Catalog,
): (call: ChatCall) => Promise<ChatOutcome> {
  return async (call) => {
    const resolved = resolve(registry, call);
    // The model's own catalog entry knows it best; the family table covers models the catalog lacks.
    const entry = catalog.find(resolved.provider, resolved.upstreamModel);
    assertCapabilities(
      resolved.upstreamModel,
      call.request,
      entry ? capabilitiesFromCatalog(entry) : undefined,
    );
    const options: CallOptions = { signal: call.signal, timeoutMs };
    const request = { ...call.request, model: resolved.upstreamModel };
    const servedBy = { provider: resolved.provider.id, model: resolved.upstreamModel };
    if (request.stream === true) {
      const tapped = tapStream(await resolved.provider.stream(request, options), call.startedAt);
      return { kind: 'stream', ...tapped, servedBy };
    }
    return { kind: 'response', response: await resolved.provider.chat(request, options), servedBy };
  };
}

/** Calls the resolved provider for an embeddings request. */
export function attemptEmbedding(
  registry: ModelRegistry,
  timeoutMs: number,
): (call: EmbeddingCall) => Promise<EmbeddingOutcome> {
  return async (call) => {
    const resolved = resolve(registry, call);
    if (!resolved.provider.capabilities.embeddings) {
      throw new StrataError(
        'unsupported_parameter',
        `The provider \`${resolved.provider.id}\` does not offer embeddings.`,
        {
          param: 'model',
        },
      );
    }
    const response = await resolved.provider.embed(
      { ...call.request, model: resolved.upstreamModel },
      { signal: call.signal, timeoutMs },
    );
    return { response, servedBy: { provider: resolved.provider.id, model: resolved.upstreamModel } };
  };
}

/**
 * Runs the route a requested model names, or the direct attempt when it names none: a plain model
 * costs one map lookup here. A routed call's report (attempts, explanation) goes on the call, so the
 * record stage writes one ledger row per attempt; its `x-strata-route` summary goes on the outcome or,
 * when every attempt failed, on the error.
 */
export function routeChat(
  router: Router | undefined,
  direct: (call: ChatCall) => Promise<ChatOutcome>,
): (call: ChatCall) => Promise<ChatOutcome> {
  if (!router || router.routes.size === 0) return direct;
  return async (call) => {
    const route = router.routes.get(call.request.model);
    if (!route) return direct(call);
    const { report, answer } = router.run(route, {
      request: call.request,
      principal: call.principal,
      signal: call.signal,
      served: (resolved) => {
        call.resolved = resolved;
      },
    });
    call.routing = report;
    let routed: Answer;
    try {
      routed = await answer;
    } catch (thrown) {
      const error = toStrataError(thrown);
      error.headers['x-strata-route'] = report.header();
      throw error;
    }
    const servedBy = { provider: routed.resolved.provider.id, model: routed.resolved.upstreamModel };
    if (routed.kind === 'response') {
      return { kind: 'response', response: routed.response, servedBy, route: report.header() };
    }
    const tapped = tapStream(routed.chunks, call.startedAt);
    return { kind: 'stream', ...tapped, servedBy, route: report.header() };
  };
}
