import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WireUsage } from '../../core/types.js';
import { normaliseUsage } from './normalise-usage.js';

test('Anthropic-shaped usage splits prompt into uncached, cache reads and cache writes', () => {
  const wire: WireUsage = {
    prompt_tokens: 1_350,
    completion_tokens: 80,
    total_tokens: 1_430,
    prompt_tokens_details: { cached_tokens: 1_000, cache_creation_tokens: 300 },
  };
  assert.deepEqual(normaliseUsage(wire), {
    inputTokens: 50,
    cachedInputTokens: 1_000,
    cacheWriteTokens: 300,
    outputTokens: 80,
    reasoningTokens: 0,
    estimated: false,
  });
});

test('Gemini-shaped usage keeps thinking inside output and reports it as reasoning', () => {
  const wire: WireUsage = {
    prompt_tokens: 900,
    completion_tokens: 700,
    total_tokens: 1_600,
    prompt_tokens_details: { cached_tokens: 400 },
    completion_tokens_details: { reasoning_tokens: 500 },
  };
  const usage = normaliseUsage(wire);
  assert.equal(usage.inputTokens, 500);
  assert.equal(usage.cachedInputTokens, 400);
  assert.equal(usage.cacheWriteTokens, 0);
  assert.equal(usage.outputTokens, 700);
  assert.equal(usage.reasoningTokens, 500);
});

test('usage without details is all uncached input and visible output', () => {
  const usage = normaliseUsage({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
  assert.deepEqual(usage, {
    inputTokens: 12,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 3,
    reasoningTokens: 0,
    estimated: false,
  });
});

test('missing usage is zero tokens, marked estimated', () => {
  assert.deepEqual(normaliseUsage(undefined), {
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    estimated: true,
  });
});

test('usage that says it is estimated keeps the flag', () => {
  const wire = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, estimated: true as const };
  assert.equal(normaliseUsage(wire).estimated, true);
});

test('cached and written counts above the prompt are clamped, never leaving negative input', () => {
  const wire: WireUsage = {
    prompt_tokens: 100,
    completion_tokens: 10,
    total_tokens: 110,
    prompt_tokens_details: { cached_tokens: 80, cache_creation_tokens: 50 },
    completion_tokens_details: { reasoning_tokens: 25 },
  };
  const usage = normaliseUsage(wire);
  assert.equal(usage.inputTokens, 0);
  assert.equal(usage.cachedInputTokens, 80);
  assert.equal(usage.cacheWriteTokens, 20);
  assert.equal(usage.reasoningTokens, 10);
});

test('negative, fractional and non-numeric counts are read as whole non-negative numbers', () => {
  const wire: WireUsage = {
    prompt_tokens: -5,
    completion_tokens: 7.9,
    total_tokens: Number.NaN,
    prompt_tokens_details: { cached_tokens: 3, cache_creation_tokens: '4' },
  };
  const usage = normaliseUsage(wire);
  assert.equal(usage.inputTokens, 0);
  assert.equal(usage.cachedInputTokens, 0);
  assert.equal(usage.cacheWriteTokens, 0);
  assert.equal(usage.outputTokens, 7);
});
