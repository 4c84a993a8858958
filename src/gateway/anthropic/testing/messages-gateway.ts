import Anthropic from '@anthropic-ai/sdk';
import { type FakeUpstream, startFakeUpstream } from '../../../models/testing/fake-upstream.js';
import { readFixture } from '../../../models/testing/fixtures.js';
import { startGateway, type TestGateway } from '../../testing/start-gateway.js';

/** Serves recorded OpenAI responses; the upstream model name picks the scenario. */
function startRecordedOpenAI(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const body = JSON.parse(recorded.body) as { model: string; stream?: boolean; tools?: unknown };
    const json = (status: number, fixture: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(readFixture(fixture));
    };
    if (body.model === 'rate-limited') return json(429, 'openai/error-429.json', { 'retry-after': '2' });
    if (body.model === 'broken') return json(500, 'openai/error-500.json');
    if (body.model === 'cut-off') {
      // One chunk, then the connection drops mid-stream.
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`${readFixture('openai/stream-content.sse').split('\n\n')[1]}\n\n`);
      return void setTimeout(() => response.destroy(), 20);
    }
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return void response.end(
        readFixture(body.tools ? 'openai/stream-tool-call.sse' : 'openai/stream-content.sse'),
      );
    }
    return json(200, body.tools ? 'openai/tool-call.json' : 'openai/chat-completion.json');
  });
}

/** A tool both test files declare. */
export const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The current weather in a place',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

/** A running gateway in front of a recorded OpenAI upstream, with an Anthropic SDK client on it. */
export interface MessagesGateway {
  upstream: FakeUpstream;
  gateway: TestGateway;
  client: Anthropic;
  /** The JSON body of the last request the upstream received. */
  sent(): Record<string, unknown> & { messages?: Array<Record<string, unknown>> };
  close(): Promise<void>;
}

/** Starts the upstream and the gateway; model `fast` is served by the upstream. */
export async function startMessagesGateway(): Promise<MessagesGateway> {
  const upstream = await startRecordedOpenAI();
  const gateway = await startGateway({
    providers: {
      fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-upstream-secret' },
    },
    models: [{ name: 'fast', provider: 'fake', model: 'gpt-4o-mini' }],
  });
  return {
    upstream,
    gateway,
    client: new Anthropic({ baseURL: gateway.url, apiKey: gateway.masterKey, maxRetries: 0 }),
    sent: () => JSON.parse(upstream.requests.at(-1)?.body ?? '{}'),
    async close() {
      await gateway.close();
      await upstream.close();
    },
  };
}
