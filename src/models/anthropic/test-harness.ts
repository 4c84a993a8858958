import type { TestContext } from 'node:test';
import type { Provider } from '../provider.js';
import { type FakeUpstream, type FakeUpstreamHandler, startFakeUpstream } from '../testing/fake-upstream.js';
import { testApiKey } from '../testing/provider-harness.js';
import { createAnthropicProvider } from './anthropic-provider.js';

/** Starts a fake Anthropic API (closed when the test ends) and an Anthropic provider pointed at it. */
export async function startAnthropicAgainst(
  t: TestContext,
  handler: FakeUpstreamHandler,
): Promise<{ upstream: FakeUpstream; provider: Provider }> {
  const upstream = await startFakeUpstream(handler);
  t.after(() => upstream.close());
  const provider = createAnthropicProvider({ id: 'anthropic', apiKey: testApiKey, baseURL: upstream.url });
  return { upstream, provider };
}
