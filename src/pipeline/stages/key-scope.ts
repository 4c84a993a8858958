import { StrataError } from '../../core/errors.js';
import { modelAllowed } from '../../governance/key-scopes.js';
import type { Call, Stage } from '../call.js';

/**
 * Refuses a call whose key may not use the model, alias or route it named (the key's `models` scope)
 * with 403 `permission_denied`, before any rate-limit slot or budget is taken. A key without the scope
 * passes at the cost of one property read.
 */
export function keyScopeStage<C extends Call<{ model: string }>, O>(): Stage<C, O> {
  return async (call, next) => {
    if (!modelAllowed(call.principal, call.request.model))
      throw new StrataError('permission_denied', `This key may not use \`${call.request.model}\`.`, {
        param: 'model',
      });
    return next();
  };
}
