import { request } from 'undici';
import { type FakeUpstream, startFakeUpstream } from '../../../models/testing/fake-upstream.js';

/** What the fake upstream reports for every call: fewer prompt tokens than Strata counts for `hi`. */
export const answeredUsage = { prompt_tokens: 5, completion_tokens: 50, total_tokens: 55 };

/** The request every budget test sends: a bounded answer, so the worst case is known. */
export const budgetedRequest = {
  model: 'openai/gpt-4o-mini',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'hi' }],
};

/** A catalog price that makes the arithmetic readable: $1 per million input, $2 per million output. */
export const testPrice = { provider: 'openai', id: 'gpt-4o-mini', input: 1, output: 2 };

/** The `strata.yaml` lines of an `openai` provider at `upstreamUrl` whose model is priced at `testPrice`. */
export function pricedProviderYaml(upstreamUrl: string): string[] {
  return [
    'providers:',
    '  openai:',
    `    base_url: ${upstreamUrl}/v1`,
    '    api_key: sk-upstream',
    'catalog:',
    `  models: [${JSON.stringify(testPrice)}]`,
  ];
}

/** An OpenAI-shaped upstream answering every chat call with `answeredUsage`, after a short pause. */
export function startBudgetUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream(async (_recorded, response) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-budget',
        object: 'chat.completion',
        created: 1_760_000_000,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: answeredUsage,
      }),
    );
  });
}

/** One chat call; resolves with its status and error code (if any). */
export async function callChat(url: string, key: string): Promise<{ status: number; code: string | null }> {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(budgetedRequest),
  });
  const body = (await response.body.json()) as { error?: { code?: string } };
  return { status: response.statusCode, code: body.error?.code ?? null };
}
