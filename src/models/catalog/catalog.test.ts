import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilitiesFromCatalog } from './capabilities-from-catalog.js';
import { createCatalog } from './catalog.js';
import type { CatalogPrice } from './catalog-entry.js';

const providers = [
  'openai',
  'azure',
  'anthropic',
  'gemini',
  'bedrock',
  'mistral',
  'groq',
  'together',
  'deepseek',
  'fireworks',
  'openrouter',
  'xai',
  'perplexity',
];

function assertPriceValid(label: string, price: Omit<CatalogPrice, 'tiers'>, embeddings: boolean): void {
  assert.ok(price.input > 0, `${label}: input price`);
  assert.ok(embeddings ? price.output >= 0 : price.output > 0, `${label}: output price`);
  for (const field of ['cachedInput', 'cacheWrite', 'reasoning'] as const) {
    const value = price[field];
    if (value !== undefined) assert.ok(value > 0 && Number.isFinite(value), `${label}: ${field}`);
  }
}

test('the built-in catalog covers every provider with at least 150 valid entries', () => {
  const entries = createCatalog().list();
  assert.ok(entries.length >= 150, `only ${entries.length} entries`);
  assert.deepEqual(new Set(entries.map((entry) => entry.provider)), new Set(providers));
  assert.ok(entries.some((entry) => entry.embeddings));
  const seen = new Set<string>();
  for (const entry of entries) {
    const label = `${entry.provider}/${entry.id}`;
    assert.ok(!seen.has(label), `${label} is listed twice`);
    seen.add(label);
    assertPriceValid(label, entry.price, entry.embeddings);
    assert.match(entry.source, /^https:\/\/[^\s]+$/, `${label}: source`);
    assert.match(entry.asOf, /^\d{4}-\d{2}-\d{2}$/, `${label}: asOf`);
    assert.ok(!Number.isNaN(Date.parse(entry.asOf)), `${label}: asOf is a date`);
    assert.ok(Number.isInteger(entry.contextWindow) && entry.contextWindow > 0, `${label}: context`);
    if (entry.maxOutput !== undefined) assert.ok(entry.maxOutput > 0, `${label}: max output`);
    assert.ok(entry.modalities.includes('text'), `${label}: text input`);
    let floor = 0;
    for (const tier of entry.price.tiers ?? []) {
      assert.ok(tier.aboveInputTokens > floor, `${label}: tiers ascend`);
      assert.ok(tier.aboveInputTokens < entry.contextWindow, `${label}: tier inside the context window`);
      assertPriceValid(`${label} tier`, tier, entry.embeddings);
      floor = tier.aboveInputTokens;
    }
  }
});

test('long-context tiers are where the providers publish them', () => {
  const catalog = createCatalog();
  const geminiPro = catalog.find('gemini', 'gemini-2.5-pro');
  assert.deepEqual(geminiPro?.price.tiers?.[0], {
    aboveInputTokens: 200_000,
    input: 2.5,
    output: 15,
    cachedInput: 0.25,
  });
  const sonnet = catalog.find('anthropic', 'claude-sonnet-4-5');
  assert.equal(sonnet?.price.tiers?.[0]?.aboveInputTokens, 200_000);
  assert.equal(sonnet?.price.tiers?.[0]?.input, 6);
  assert.equal(sonnet?.price.tiers?.[0]?.output, 22.5);
});

test('dated snapshots, aliases and Bedrock ids find their model', () => {
  const catalog = createCatalog();
  assert.equal(catalog.find('openai', 'gpt-4o-2024-08-06')?.id, 'gpt-4o');
  assert.equal(catalog.find('openai', 'gpt-4o-mini-2024-07-18')?.id, 'gpt-4o-mini');
  assert.equal(catalog.find('openai', 'GPT-4.1-2025-04-14')?.id, 'gpt-4.1');
  assert.equal(catalog.find('anthropic', 'claude-sonnet-4-5')?.id, 'claude-sonnet-4-5-20250929');
  assert.equal(catalog.find('anthropic', 'claude-opus-4-0')?.id, 'claude-opus-4-20250514');
  const bedrockSonnet = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
  assert.equal(catalog.find('bedrock', bedrockSonnet)?.id, bedrockSonnet);
  assert.equal(catalog.find('bedrock', `us.${bedrockSonnet}`)?.id, bedrockSonnet);
  assert.equal(catalog.find('bedrock', `eu.${bedrockSonnet}`)?.id, bedrockSonnet);
  assert.equal(catalog.find('bedrock', 'global.anthropic.claude-haiku-4-5-20251001-v1:0')?.price.input, 1);
  assert.equal(
    catalog.find('bedrock', `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${bedrockSonnet}`)
      ?.id,
    bedrockSonnet,
  );
  assert.equal(catalog.find('gemini', 'models/gemini-2.5-flash')?.id, 'gemini-2.5-flash');
  assert.equal(catalog.find('groq', 'openai/gpt-oss-120b')?.price.cachedInput, 0.075);
  assert.equal(catalog.find('openai', 'claude-sonnet-4-5'), undefined, 'a model belongs to its provider');
  assert.equal(catalog.find('openai', 'gpt-7-ultra'), undefined);
  assert.equal(catalog.find('nowhere', 'gpt-4o'), undefined);
});

test('config overrides replace a price or add a model, and the version follows the prices', () => {
  const builtin = createCatalog();
  assert.equal(builtin.version, createCatalog().version, 'the version is stable');
  assert.match(builtin.version, /^[0-9a-f]{16}$/);

  const overridden = createCatalog([{ provider: 'openai', id: 'gpt-4o', input: 2, output: 8 }]);
  const gpt4o = overridden.find('openai', 'gpt-4o-2024-11-20');
  assert.equal(gpt4o?.price.input, 2);
  assert.equal(gpt4o?.price.cachedInput, undefined, 'an override replaces the whole price');
  assert.equal(gpt4o?.contextWindow, 128_000, 'limits not overridden are kept');
  assert.equal(gpt4o?.source, 'strata.yaml');
  assert.equal(overridden.list().length, builtin.list().length);
  assert.notEqual(overridden.version, builtin.version);

  const added = createCatalog([
    { provider: 'vllm', id: 'my-llama', input: 0.01, output: 0.02, context_window: 32_768, tools: true },
  ]);
  assert.equal(added.list().length, builtin.list().length + 1);
  const mine = added.find('vllm', 'my-llama');
  assert.equal(mine?.contextWindow, 32_768);
  assert.equal(mine?.tools, true);
  assert.notEqual(added.version, builtin.version);
});

test('capabilitiesFromCatalog maps an entry to the capability check', () => {
  const catalog = createCatalog();
  const gpt4o = catalog.find('openai', 'gpt-4o');
  const embedding = catalog.find('openai', 'text-embedding-3-small');
  assert.ok(gpt4o && embedding);
  assert.deepEqual(capabilitiesFromCatalog(gpt4o), {
    tools: true,
    images: true,
    jsonSchema: true,
    jsonObject: true,
    contextWindow: 128_000,
    chat: true,
  });
  assert.equal(capabilitiesFromCatalog(embedding).chat, false);
});

test('an override for a configured provider name prices that provider alone, from its kind entry', () => {
  const kinds = new Map([
    ['inhouse', 'openai'],
    ['backup', 'openai'],
  ]);
  const catalog = createCatalog([{ provider: 'inhouse', id: 'gpt-4o', input: 1, output: 2 }], kinds);
  const builtin = createCatalog().find('openai', 'gpt-4o');
  assert.ok(builtin);
  const named = catalog.find({ id: 'inhouse', kind: 'openai' }, 'gpt-4o');
  assert.deepEqual(named?.price, { input: 1, output: 2 });
  assert.equal(named?.contextWindow, builtin.contextWindow, 'limits and capabilities come from the kind');
  assert.equal(named?.tools, builtin.tools);
  assert.deepEqual(catalog.find({ id: 'backup', kind: 'openai' }, 'gpt-4o')?.price, builtin.price);
  assert.deepEqual(catalog.find('openai', 'gpt-4o')?.price, builtin.price, 'the kind keeps its price');
  assert.notEqual(catalog.version, createCatalog().version);
});

test('an override for a kind still prices every provider of that kind', () => {
  const kinds = new Map([['inhouse', 'openai-compatible']]);
  const catalog = createCatalog(
    [{ provider: 'openai-compatible', id: 'llama-3', input: 1, output: 2 }],
    kinds,
  );
  for (const id of ['inhouse', 'another'])
    assert.deepEqual(catalog.find({ id, kind: 'openai-compatible' }, 'llama-3')?.price, {
      input: 1,
      output: 2,
    });
});
