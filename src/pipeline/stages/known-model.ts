import type { ModelRegistry } from '../../models/model-registry.js';
import type { Router } from '../../routing/router.js';
import type { ChatCall, ChatOutcome, Stage } from '../call.js';
import { modelNotFound } from './route.js';

/**
 * Refuses a chat call whose model nothing serves (no route, alias, `models` entry or configured
 * provider) with 404 `model_not_found` before any governance work: a rate-limit slot, a knowledge
 * search or a budget's price check would otherwise answer first, with the wrong status. Placed right
 * after record, so the refusal is logged.
 */
export function knownModelChat(
  models: ModelRegistry,
  router: Router | undefined,
): Stage<ChatCall, ChatOutcome> {
  return async (call, next) => {
    const model = call.request.model;
    if (router?.routes.has(model) !== true && models.resolve(model) === undefined) throw modelNotFound(model);
    return next();
  };
}
