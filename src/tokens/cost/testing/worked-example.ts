import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WireUsage } from '../../../core/types.js';
import type { Price } from '../../price.js';
import { costOf } from '../cost-of.js';
import { normaliseUsage } from '../normalise-usage.js';

/** One hand-computed case: provider usage, the published price, and the USD it must come to. */
export interface WorkedExample {
  name: string;
  usage: WireUsage;
  price: Price;
  usd: number;
  tier?: number;
}

/** OpenAI-shaped usage as the adapters produce it: prompt includes cache, completion includes reasoning. */
export function wire(
  prompt: number,
  completion: number,
  extra: { cached?: number; write?: number; reasoning?: number } = {},
): WireUsage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: extra.cached ?? 0, cache_creation_tokens: extra.write ?? 0 },
    completion_tokens_details: { reasoning_tokens: extra.reasoning ?? 0 },
  };
}

/** Registers one test per example: normalise the usage, price it, compare USD and tier exactly. */
export function checkWorkedExamples(examples: readonly WorkedExample[]): void {
  for (const example of examples) {
    test(`worked example — ${example.name}`, () => {
      const cost = costOf(normaliseUsage(example.usage), example.price);
      assert.equal(cost.usd, example.usd);
      assert.equal(cost.tier, example.tier ?? null);
    });
  }
}
