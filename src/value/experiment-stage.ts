import type { ChatRequest } from '../core/types.js';
import type { ChatCall, ChatOutcome, Stage } from '../pipeline/call.js';
import { assignArm } from './assign.js';
import type { Experiment } from './experiments.js';

/** The unit a call is assigned by: its end user, its key or its session; undefined when it names none. */
function unitOf(call: ChatCall, unit: Experiment['unit']): string | undefined {
  switch (unit) {
    case 'user':
      return call.request.user || undefined;
    case 'key':
      return call.principal.keyId ?? undefined;
    case 'session':
      return call.sessionId;
  }
}

/**
 * Splits the calls to an experiment's target between its variants by a hash of the unit, so a unit stays
 * on one arm; the arm is recorded on the call (and so on its request-log row). A call without the unit
 * passes untouched and unrecorded. Composed only while an experiment runs.
 */
export function experimentChat(running: () => ReadonlyMap<string, Experiment>): Stage<ChatCall, ChatOutcome> {
  return (call, next) => {
    const experiment = running().get(call.request.model);
    if (!experiment) return next();
    const unit = unitOf(call, experiment.unit);
    if (unit === undefined) return next();
    const arm = assignArm(experiment, unit);
    call.experiment = { id: experiment.id, variant: arm.name };
    const variant = arm.variant;
    if (variant && (variant.model !== undefined || variant.params !== undefined)) {
      // The params were validated against the same names and ranges the edge accepts.
      const params = Object.fromEntries(
        Object.entries(variant.params ?? {}).filter(([, value]) => value !== undefined),
      ) as Partial<ChatRequest>;
      call.request = { ...call.request, ...params, model: variant.model ?? call.request.model };
    }
    return next();
  };
}
