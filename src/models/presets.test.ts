import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findOpenAIPreset, openAIPresets } from './presets.js';

test('every preset is self-consistent: named kind, absolute URL, a key variable when one is needed', () => {
  for (const [name, preset] of Object.entries(openAIPresets)) {
    assert.equal(preset.kind, name);
    assert.ok(URL.canParse(preset.baseURL), `${name} base URL`);
    assert.ok(!preset.baseURL.endsWith('/'), `${name} base URL has no trailing slash`);
    const apiKeyEnv: string | undefined = 'apiKeyEnv' in preset ? preset.apiKeyEnv : undefined;
    assert.equal(apiKeyEnv !== undefined, preset.needsKey, `${name} key variable`);
  }
});

test('local servers need no key; hosted quirks are recorded', () => {
  for (const local of ['ollama', 'vllm', 'llamacpp', 'lmstudio']) {
    assert.equal(findOpenAIPreset(local)?.needsKey, false);
    assert.match(findOpenAIPreset(local)?.baseURL ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  }
  assert.deepEqual(findOpenAIPreset('groq')?.unsupportedParameters, [
    'logprobs',
    'top_logprobs',
    'logit_bias',
    'n',
  ]);
  assert.equal(findOpenAIPreset('perplexity')?.embeddings, false);
  assert.ok(findOpenAIPreset('perplexity')?.unsupportedParameters.includes('tools'));
  assert.equal(findOpenAIPreset('toString'), undefined);
});
