import type { FastifyInstance } from 'fastify';
import type { Stack } from '../../pipeline/stack.js';
import { needs } from '../route-table.js';

/**
 * `GET /admin/v1/guardrails`: the guardrail rules as configured. Their recent verdicts are the calls
 * `GET /admin/v1/requests?guardrail=any` lists, so this route only says what the rules are.
 */
export function adminGuardrailsRoute(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/guardrails', needs('guardrails:read'), async () => ({
    object: 'list',
    data: stack.config.guardrails.rules.map((rule) => ({ object: 'guardrail_rule', ...rule })),
  }));
}
