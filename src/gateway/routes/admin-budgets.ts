import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { budgetSchema } from '../../config/schema.js';
import { StrataError } from '../../core/errors.js';
import type { Stack } from '../../pipeline/stack.js';
import type { BudgetRecord } from '../../store/budgets-repository.js';
import { fromMicroUsd } from '../../tokens/budgets/micro-usd.js';
import { needs } from '../route-table.js';
import { idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

/** A budget as the admin API shows it, with its current window's spend. */
async function view(stack: Stack, budget: BudgetRecord) {
  const window = await stack.budgets.currentWindow(budget);
  return {
    id: budget.id,
    object: 'budget',
    scope: budget.scope,
    match: budget.match,
    period: budget.period,
    limit_usd: fromMicroUsd(budget.limitMicroUsd),
    mode: budget.mode,
    unpriced: budget.unpriced,
    source: budget.source,
    created_at: budget.createdAt,
    window: {
      start: window.windowStart,
      spent_usd: fromMicroUsd(window.spentMicroUsd),
      reserved_usd: fromMicroUsd(window.reservedMicroUsd),
      alerted_at: window.alertedAt,
    },
  };
}

/** What `PATCH /admin/v1/budgets/{id}` may change. */
const budgetChangesSchema = z
  .strictObject({
    limit_usd: budgetSchema.shape.limit_usd.optional(),
    mode: z.enum(['hard', 'soft']).optional(),
    unpriced: z.enum(['refuse', 'allow']).optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'name at least one of limit_usd, mode, unpriced');

/** `/admin/v1/budgets`: create, list (with current spend), change and delete budgets. Master key only. */
export function adminBudgetsRoutes(app: FastifyInstance, stack: Stack): void {
  app.post('/admin/v1/budgets', needs('budgets:write'), async (request, reply) => {
    const created = await stack.budgets.create(validate(budgetSchema, request.body));
    return reply.code(201).send(await view(stack, created));
  });
  app.get('/admin/v1/budgets', needs('budgets:read'), async () => {
    const budgets = await stack.budgets.list();
    return { object: 'list', data: await Promise.all(budgets.map((budget) => view(stack, budget))) };
  });
  app.patch('/admin/v1/budgets/:id', needs('budgets:write'), async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const changes = validate(budgetChangesSchema, request.body);
    const budget = (await stack.budgets.list()).find((candidate) => candidate.id === id);
    if (!budget) throw new StrataError('not_found', `No budget with id \`${id}\`.`, { param: 'id' });
    if (budget.source === 'config') {
      throw new StrataError(
        'invalid_request',
        `Budget \`${id}\` is defined in strata.yaml; change it there and restart.`,
        { param: 'id' },
      );
    }
    const updated = await stack.budgets.update(id, {
      ...(changes.limit_usd !== undefined && { limit_usd: changes.limit_usd }),
      ...(changes.mode !== undefined && { mode: changes.mode }),
      ...(changes.unpriced !== undefined && { unpriced: changes.unpriced }),
    });
    if (!updated) throw new StrataError('not_found', `No budget with id \`${id}\`.`, { param: 'id' });
    return view(stack, updated);
  });
  app.delete('/admin/v1/budgets/:id', needs('budgets:write'), async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const budget = (await stack.budgets.list()).find((candidate) => candidate.id === id);
    if (!budget) throw new StrataError('not_found', `No budget with id \`${id}\`.`, { param: 'id' });
    if (budget.source === 'config') {
      throw new StrataError(
        'invalid_request',
        `Budget \`${id}\` is defined in strata.yaml; remove it there and restart.`,
        { param: 'id' },
      );
    }
    await stack.budgets.remove(id);
    return { id, object: 'budget', deleted: true };
  });
}
