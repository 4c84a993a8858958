import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import OpenAI from 'openai';
import { startGateway } from '../gateway/testing/start-gateway.js';
import { writeOutcomesFile } from '../models/replay/testing/outcomes-file.js';
import { startFakeUpstream } from '../models/testing/fake-upstream.js';
import { strata } from './testing/run-cli.js';

const line = (id: string, split: string, prompt: string, small: number) => ({
  id,
  split,
  task: 't',
  prompt,
  scores: { small, big: 1 },
  cost_usd: { small: 0.001, big: 0.01 },
  cost_kind: 'recorded',
});

/** Proofs only the big model gets right; translations both do. */
const outcomes = [
  line('a', 'train', 'prove the theorem on primes', 0),
  line('b', 'train', 'prove the lemma on graphs', 0),
  line('c', 'train', 'translate hello to french', 1),
  line('d', 'train', 'translate thanks to german', 1),
  line('e', 'test', 'prove the theorem by induction', 0),
  line('f', 'test', 'translate goodbye to french', 1),
];

test('strata router trains into the store, lists and evaluates, and refuses the ledger until it exists', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-router-cli-'));
  const file = await writeOutcomesFile(outcomes);
  t.after(async () => {
    await file.remove();
    await rm(home, { recursive: true, force: true });
  });
  const env = { STRATA_HOME: home };
  const trained = await strata(
    ['router', 'train', '--data', file.path, '--name', 'tiny', '--k', '2', '--json'],
    env,
  );
  assert.equal(trained.code, 0, trained.stderr);
  assert.deepEqual(JSON.parse(trained.stdout).models, ['big', 'small']);
  const listed = await strata(['router', 'list'], env);
  assert.match(listed.stdout, /^tiny\tknn\t4 rows/);
  const evaluated = await strata(['router', 'eval', '--name', 'tiny', '--data', file.path, '--json'], env);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const rows = JSON.parse(evaluated.stdout).lambdas as Array<{ lambda: number; accuracy: number }>;
  assert.equal(rows.find((row) => row.lambda === 0)?.accuracy, 1);
  assert.equal(rows.find((row) => row.lambda === 100)?.accuracy, 0.5);
  const missing = await strata(['router', 'eval', '--name', 'nope', '--data', file.path], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no router `nope`/);
  const ledger = await strata(['router', 'train', '--name', 'x', '--from-ledger'], env);
  assert.equal(ledger.code, 1);
  assert.match(ledger.stderr, /No request in the period has both a posted outcome and a captured prompt/);
});

// A loopback provider: an embedding model with one dimension for proofs and one for translations, and
// chat models that answer with their own name.
async function startProvider() {
  return startFakeUpstream((request, response) => {
    const body = JSON.parse(request.body) as { model: string; input?: string[] };
    response.writeHead(200, { 'content-type': 'application/json' });
    if (request.path.endsWith('/embeddings')) {
      const data = (body.input ?? []).map((text, index) => ({
        object: 'embedding',
        index,
        embedding: [/prove|theorem|lemma/.test(text) ? 1 : 0, /translate/.test(text) ? 1 : 0, 0.1],
      }));
      response.end(
        JSON.stringify({
          object: 'list',
          data,
          model: body.model,
          usage: { prompt_tokens: 4, total_tokens: 4 },
        }),
      );
      return;
    }
    response.end(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: `from ${body.model}` }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      }),
    );
  });
}

test('a router trained on embeddings routes each prompt by an embeddings call of its caller', async (t) => {
  const upstream = await startProvider();
  const home = await mkdtemp(join(tmpdir(), 'strata-router-embedding-'));
  const file = await writeOutcomesFile(outcomes);
  const providers = { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } };
  const config = join(home, 'strata.yaml');
  await writeFile(config, JSON.stringify({ providers }));
  t.after(async () => {
    await file.remove();
    await upstream.close();
    await rm(home, { recursive: true, force: true });
  });
  const env = { STRATA_HOME: home };
  const trainArgs = ['router', 'train', '--data', file.path, '--name', 'emb', '--k', '2', '--config', config];
  const trained = await strata([...trainArgs, '--embedding-model', 'local/embedder', '--json'], env);
  assert.equal(trained.code, 0, trained.stderr);
  assert.equal(JSON.parse(trained.stdout).embedding_model, 'local/embedder');
  const evaluated = await strata(
    ['router', 'eval', '--name', 'emb', '--data', file.path, '--config', config, '--json'],
    env,
  );
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const rows = JSON.parse(evaluated.stdout).lambdas as Array<{ lambda: number; accuracy: number }>;
  assert.equal(rows.find((row) => row.lambda === 0.5)?.accuracy, 1, 'big for proofs, small for translations');
  const unknown = await strata([...trainArgs, '--embedding-model', 'nowhere'], env);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Embedding with `nowhere` failed/);

  const gateway = await startGateway(
    {
      providers,
      routes: {
        auto: {
          balance: { strategy: 'learned', router: 'emb', lambda: 0.5, targets: ['local/big', 'local/small'] },
        },
      },
    },
    { environment: { STRATA_HOME: home } },
  );
  t.after(() => gateway.close());
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  const ask = (content: string) =>
    client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content }] });
  const proof = await client.chat.completions
    .create({ model: 'auto', messages: [{ role: 'user', content: 'prove this theorem' }] })
    .withResponse();
  assert.equal(proof.data.choices[0]?.message.content, 'from big');
  assert.match(
    proof.response.headers.get('x-strata-route') ?? '',
    /^route=auto; plan=balance; decided=learned lambda 0\.5: local\/big \(quality [\d.]+ cost \$[\d.e-]+\) over local\/small/,
  );
  assert.equal((await ask('translate this')).choices[0]?.message.content, 'from small');
  const embedded = upstream.requests.filter((request) => request.path.endsWith('/embeddings'));
  assert.deepEqual(JSON.parse(embedded.at(-1)?.body ?? '{}').input, ['translate this']);
  await gateway.stack.flush();
  const spend = await gateway.stack.ledger.spend({ groupBy: 'model' });
  assert.equal(
    spend.find((row) => row.group === 'embedder')?.requests,
    4,
    'training and eval embed once each (one batch, same store), and each routed call once',
  );
});

test('strata router train --cascade adds a checked cascade column from the recorded responses', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-router-cascade-'));
  // Proofs: the small pair disagree and only big is right; translations: the pair agree and are right.
  const row = (id: string, split: string, prompt: string, proof: boolean) => ({
    ...line(id, split, prompt, proof ? 0 : 1),
    scores: { small: proof ? 0 : 1, mate: proof ? 0 : 1, big: 1 },
    cost_usd: { small: 0.001, mate: 0.001, big: 0.01 },
    responses: { small: proof ? 'A' : 'B', mate: proof ? 'C' : 'B', big: 'B' },
  });
  const file = await writeOutcomesFile(
    outcomes.map((outcome) =>
      row(outcome.id, outcome.split, outcome.prompt, outcome.prompt.startsWith('prove')),
    ),
  );
  t.after(async () => {
    await file.remove();
    await rm(home, { recursive: true, force: true });
  });
  const env = { STRATA_HOME: home };
  const train = ['router', 'train', '--data', file.path, '--name', 'cas', '--k', '2'];
  const trained = await strata([...train, '--cascade', 'checked=small,mate,big', '--json'], env);
  assert.equal(trained.code, 0, trained.stderr);
  assert.deepEqual(JSON.parse(trained.stdout).models, ['big', 'checked', 'mate', 'small']);
  const evaluated = await strata(['router', 'eval', '--name', 'cas', '--data', file.path, '--json'], env);
  const rows = JSON.parse(evaluated.stdout).lambdas as Array<{ lambda: number; accuracy: number }>;
  assert.equal(rows.find((entry) => entry.lambda === 0)?.accuracy, 1, 'eval scores the cascade column too');
  const malformed = await strata([...train, '--cascade', 'checked=small,big'], env);
  assert.match(malformed.stderr, /--cascade takes <name>=<first>,<partner>,<escalate>/);
  const silent = await strata([...train, '--cascade', 'checked=small,nobody,big'], env);
  assert.match(silent.stderr, /no recorded responses of `nobody`/);
});
