import type { TestContext } from 'node:test';
import type { Provider } from '../provider.js';
import { type FakeUpstream, type FakeUpstreamHandler, startFakeUpstream } from '../testing/fake-upstream.js';
import { testApiKey } from '../testing/provider-harness.js';
import { createGeminiProvider } from './gemini-provider.js';

/** Starts a fake Gemini upstream (closed when the test ends) and a Gemini provider pointed at it. */
export async function startGeminiAgainst(
  t: TestContext,
  handler: FakeUpstreamHandler,
): Promise<{ upstream: FakeUpstream; provider: Provider }> {
  const upstream = await startFakeUpstream(handler);
  t.after(() => upstream.close());
  const provider = createGeminiProvider({
    id: 'gemini',
    apiKey: testApiKey,
    baseURL: `${upstream.url}/v1beta/`,
  });
  return { upstream, provider };
}
