import {
  embeddingsAnswer,
  type FakeUpstream,
  startFakeUpstream,
} from '../../models/testing/fake-upstream.js';
import { answeredUsage } from '../../tokens/budgets/testing/budget-fixture.js';

/** A request that exercises a route: its concrete path and JSON body. */
export interface Sample {
  path: string;
  body?: unknown;
}

const chat = { model: 'openai/gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

/**
 * One sample request per route, for the tests that walk the route table: a route added later needs an
 * entry here, a `config.spends` declaration and, under /admin/v1, a `needs(...)` permission; the tests
 * then call it to find out whether it reaches a provider and whom it refuses.
 */
export const routeSamples: Record<string, Sample> = {
  'GET /healthz': { path: '/healthz' },
  'GET /readyz': { path: '/readyz' },
  'POST /v1/chat/completions': { path: '/v1/chat/completions', body: chat },
  'POST /v1/completions': {
    path: '/v1/completions',
    body: { model: 'openai/gpt-4o-mini', prompt: 'hi', max_tokens: 100 },
  },
  'POST /v1/embeddings': {
    path: '/v1/embeddings',
    body: { model: 'openai/text-embedding-3-small', input: 'hi' },
  },
  'GET /v1/models': { path: '/v1/models' },
  'GET /v1/models/*': { path: '/v1/models/openai/gpt-4o-mini' },
  'GET /v1/knowledge': { path: '/v1/knowledge' },
  'POST /v1/knowledge/:kb/search': { path: '/v1/knowledge/guide/search', body: { query: 'budgets' } },
  'POST /v1/knowledge/:kb/answer': {
    path: '/v1/knowledge/guide/answer',
    body: { question: 'What do budgets hold?' },
  },
  'POST /v1/messages': { path: '/v1/messages', body: chat },
  'POST /v1/messages/count_tokens': {
    path: '/v1/messages/count_tokens',
    body: { model: chat.model, messages: chat.messages },
  },
  'POST /admin/v1/keys': { path: '/admin/v1/keys', body: { name: 'sample' } },
  'GET /admin/v1/keys': { path: '/admin/v1/keys' },
  'DELETE /admin/v1/keys/:id': { path: '/admin/v1/keys/key_missing' },
  'GET /admin/v1/spend': { path: '/admin/v1/spend?group_by=model' },
  'POST /admin/v1/budgets': {
    path: '/admin/v1/budgets',
    body: { scope: 'tag', match: 'sample', period: 'daily', limit_usd: 1 },
  },
  'GET /admin/v1/budgets': { path: '/admin/v1/budgets' },
  'DELETE /admin/v1/budgets/:id': { path: '/admin/v1/budgets/bud_missing' },
  'POST /admin/v1/knowledge': { path: '/admin/v1/knowledge', body: { name: 'sample-kb' } },
  'GET /admin/v1/knowledge': { path: '/admin/v1/knowledge' },
  'GET /admin/v1/knowledge/:kb': { path: '/admin/v1/knowledge/guide' },
  'DELETE /admin/v1/knowledge/:kb': { path: '/admin/v1/knowledge/scratch' },
  'GET /admin/v1/knowledge/:kb/documents': { path: '/admin/v1/knowledge/guide/documents' },
  'POST /admin/v1/knowledge/:kb/documents': {
    path: '/admin/v1/knowledge/guide/documents',
    body: { documents: [{ id: 'limits', text: 'Rate limits refuse calls past their window.' }] },
  },
  'DELETE /admin/v1/knowledge/:kb/documents': {
    path: '/admin/v1/knowledge/guide/documents',
    body: { ids: ['missing'] },
  },
  'DELETE /admin/v1/knowledge/:kb/documents/*': { path: '/admin/v1/knowledge/guide/documents/missing' },
  'GET /admin/v1/knowledge/:kb/ingestions/:id': { path: '/admin/v1/knowledge/guide/ingestions/ing_missing' },
  'GET /metrics': { path: '/metrics' },
  'GET /admin/v1/requests': { path: '/admin/v1/requests?status=error' },
  'GET /admin/v1/requests/:id': { path: '/admin/v1/requests/req_missing' },
  'GET /admin/v1/sessions': { path: '/admin/v1/sessions' },
  'GET /admin/v1/sessions/:id': { path: '/admin/v1/sessions/missing' },
  'GET /admin/v1/stats': { path: '/admin/v1/stats?bucket=day' },
  'GET /admin/v1/openapi.json': { path: '/admin/v1/openapi.json' },
  'GET /admin/v1/alerts': { path: '/admin/v1/alerts' },
  'GET /admin/v1/routes': { path: '/admin/v1/routes' },
  'GET /admin/v1/guardrails': { path: '/admin/v1/guardrails' },
  'GET /admin/v1/routes/:name/outcomes': { path: '/admin/v1/routes/missing/outcomes' },
  'GET /admin/v1/bench/routing': { path: '/admin/v1/bench/routing' },
  'GET /admin/v1/settings': { path: '/admin/v1/settings' },
  'GET /admin/v1/providers': { path: '/admin/v1/providers' },
  'PATCH /admin/v1/budgets/:id': {
    path: '/admin/v1/budgets/bud_missing',
    body: { limit_usd: 2 },
  },
  'GET /admin/v1/organisations': { path: '/admin/v1/organisations' },
  'POST /admin/v1/organisations': { path: '/admin/v1/organisations', body: { id: 'sample-org' } },
  'PATCH /admin/v1/organisations/:id': {
    path: '/admin/v1/organisations/org_missing',
    body: { content_retention_days: 7 },
  },
  'GET /admin/v1/teams': { path: '/admin/v1/teams' },
  'POST /admin/v1/teams': { path: '/admin/v1/teams', body: { id: 'sample-team' } },
  'GET /admin/v1/users': { path: '/admin/v1/users' },
  'POST /admin/v1/users': { path: '/admin/v1/users', body: { name: 'sample', role: 'viewer' } },
  'GET /admin/v1/users/:id': { path: '/admin/v1/users/usr_missing' },
  'PATCH /admin/v1/users/:id': { path: '/admin/v1/users/usr_missing', body: { role: 'viewer' } },
  'GET /admin/v1/audit': { path: '/admin/v1/audit?limit=5' },
  'GET /admin/v1/audit/verify': { path: '/admin/v1/audit/verify' },
  'POST /admin/v1/erasures': { path: '/admin/v1/erasures', body: { user: 'nobody-at-all' } },
  'GET /admin/v1/roles': { path: '/admin/v1/roles' },
  'GET /v1/key': { path: '/v1/key' },
  'POST /v1/scores': {
    path: '/v1/scores',
    body: { request_id: 'req_sample', name: 'helpful', type: 'thumbs', value: 'up' },
  },
  'POST /admin/v1/datasets': { path: '/admin/v1/datasets', body: { name: 'sample-set' } },
  'GET /admin/v1/datasets': { path: '/admin/v1/datasets' },
  'GET /admin/v1/datasets/:name': { path: '/admin/v1/datasets/sample-set' },
  'DELETE /admin/v1/datasets/:name': { path: '/admin/v1/datasets/missing-set' },
  'POST /admin/v1/datasets/:name/items': {
    path: '/admin/v1/datasets/sample-set/items',
    body: { items: [{ input: 'hi', expected: 'hello' }] },
  },
  'DELETE /admin/v1/datasets/:name/items': {
    path: '/admin/v1/datasets/sample-set/items',
    body: { ids: ['missing'] },
  },
  'GET /admin/v1/datasets/:name/export': { path: '/admin/v1/datasets/sample-set/export?format=csv' },
  'GET /admin/v1/evaluations': { path: '/admin/v1/evaluations' },
  'GET /admin/v1/evaluations/:id': { path: '/admin/v1/evaluations/exp_missing' },
  'POST /admin/v1/prompts': {
    path: '/admin/v1/prompts',
    body: { name: 'sample', messages: [{ role: 'user', content: 'Say {{word}}' }], labels: ['production'] },
  },
  'GET /admin/v1/prompts': { path: '/admin/v1/prompts' },
  'GET /admin/v1/prompts/:name': { path: '/admin/v1/prompts/sample' },
  'PUT /admin/v1/prompts/:name/labels/:label': {
    path: '/admin/v1/prompts/sample/labels/staging',
    body: { version: 1 },
  },
  'GET /admin/v1/prompts/:name/diff': { path: '/admin/v1/prompts/sample/diff?from=1&to=1' },
  'POST /v1/outcomes': {
    path: '/v1/outcomes',
    body: { id: 'sample', name: 'resolved', success: true, value_usd: 1, request_id: 'req_missing' },
  },
  'POST /v1/outcomes/webhook': {
    path: '/v1/outcomes/webhook',
    body: { name: 'resolved', success: true, correlation_id: 'order-1' },
  },
  'GET /admin/v1/value': { path: '/admin/v1/value?group_by=model&period=7d' },
  'GET /admin/v1/value/savings': { path: '/admin/v1/value/savings' },
  'GET /admin/v1/value/report': { path: '/admin/v1/value/report?period=1d' },
  'POST /admin/v1/value/simulate': {
    path: '/admin/v1/value/simulate',
    body: {
      daily_volume: 100,
      tokens: { input: 500, output: 200 },
      candidates: [{ model: 'openai/gpt-4o-mini', success_rate: 0.8 }],
      value_per_success_usd: 1,
    },
  },
  'GET /admin/v1/experiments': { path: '/admin/v1/experiments' },
  'POST /admin/v1/experiments': {
    path: '/admin/v1/experiments',
    body: {
      id: 'sample',
      target: 'openai/gpt-4o-mini',
      horizon: 100,
      variants: [{ name: 'a' }, { name: 'b', params: { temperature: 0 } }],
    },
  },
  'GET /admin/v1/experiments/sample-size': {
    path: '/admin/v1/experiments/sample-size?baseline=0.5&effect=0.1',
  },
  'GET /admin/v1/experiments/:id': { path: '/admin/v1/experiments/sample' },
  'POST /admin/v1/experiments/:id/start': { path: '/admin/v1/experiments/missing/start' },
  'POST /admin/v1/experiments/:id/stop': { path: '/admin/v1/experiments/sample/stop' },
  'GET /': { path: '/' },
  'GET /assets/:file': { path: '/assets/missing.js' },
};

/** An OpenAI-shaped upstream answering the samples' chat and embeddings calls. */
export function startSampleUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    if (recorded.path.endsWith('/embeddings'))
      return void response.end(embeddingsAnswer(recorded.body, 'text-embedding-3-small'));
    response.end(
      JSON.stringify({
        id: 'chatcmpl-sample',
        object: 'chat.completion',
        created: 1_760_000_000,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: answeredUsage,
      }),
    );
  });
}

/** Sends a route's sample request to the gateway at `url` with a key. */
export function sendSample(url: string, method: string, sample: Sample, key: string): Promise<Response> {
  return fetch(`${url}${sample.path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(sample.body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(sample.body !== undefined && { body: JSON.stringify(sample.body) }),
  });
}
