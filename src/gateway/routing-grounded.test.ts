import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('a cascade with a grounded verifier checks answers against the knowledge base', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: { local2: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      knowledge: { default_kb: 'handbook', ingest_project_docs: false },
      routes: {
        grounded: {
          cascade: [
            { use: 'local2/cheap', verifiers: [{ type: 'grounded', threshold: 0.6 }] },
            { use: 'local2/strong' },
          ],
          retries: { max: 0 },
          breaker: { enabled: false },
        },
      },
    });
    await gateway.stack.knowledge.createBase({ name: 'handbook' });
    await gateway.stack.knowledge.upsertDocument('handbook', {
      id: 'refunds.md',
      text: '# Refunds\n\nRefunds are paid within 14 days of a return. Store credit never expires.',
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const ask = () =>
    client.chat.completions
      .create({ model: 'grounded', messages: [{ role: 'user', content: 'How fast are refunds paid?' }] })
      .withResponse();

  test('an answer the handbook supports is served by the cheap tier', async () => {
    upstream.cue('cheap', { text: 'Refunds are paid within 14 days of a return.' });
    const { data, response } = await ask();
    assert.equal(data.choices[0]?.message.content, 'Refunds are paid within 14 days of a return.');
    assert.equal(upstream.requestsFor('strong').length, 0);
    assert.match(response.headers.get('x-strata-route') ?? '', /grounded:\d\.\d\d:pass/);
  });

  test('an answer the handbook does not support escalates', async () => {
    upstream.cue('cheap', { text: 'Refunds arrive by carrier pigeon on the first full moon.' });
    const { response } = await ask();
    assert.equal(upstream.requestsFor('strong').length, 1);
    assert.match(response.headers.get('x-strata-route') ?? '', /grounded:\d\.\d\d:fail/);
  });
});
