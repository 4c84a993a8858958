import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardrailsConfigSchema } from '../../config/guardrails.js';
import type { Vault } from './redact.js';
import { compileRules } from './rules.js';
import { StreamGuard, type StreamStep } from './stream-guard.js';

const rules = (rule: Record<string, unknown>) =>
  compileRules(guardrailsConfigSchema.parse({ rules: [{ name: 'r', on: ['output'], ...rule }] }));

/** Feeds pieces through a guard; returns what was released, or the verdict that stopped it. */
function run(guard: StreamGuard, pieces: readonly string[]): { text: string; stopped?: string[] } {
  let text = '';
  const take = (step: StreamStep) => {
    if (!step.ok) return step.verdict.entities;
    text += step.release;
    return undefined;
  };
  for (const piece of pieces) {
    const stopped = take(guard.push(piece));
    if (stopped) return { text, stopped };
  }
  const stopped = take(guard.finish());
  return stopped ? { text, stopped } : { text };
}

const key = 'sk-proj-Q7fk2LmZ9xWp4RtY8vBn3CsD6hJq1KeU5aGi0oPz';

describe('stream guard', () => {
  it('blocks a key split across pieces before any of it is released', () => {
    const guard = new StreamGuard(rules({ detectors: { secrets: true }, action: 'block' }), 512, undefined);
    const result = run(guard, ['Here it is: ', key.slice(0, 11), key.slice(11, 30), `${key.slice(30)} done`]);
    assert.deepEqual(result.stopped, ['OPENAI_API_KEY']);
    assert.ok(!result.text.includes('sk-proj'), result.text);
  });

  it('masks a value split across pieces and releases everything else unchanged', () => {
    const guard = new StreamGuard(
      rules({ detectors: { pii: ['EMAIL_ADDRESS'] }, action: 'mask' }),
      512,
      undefined,
    );
    const pieces = ['Write to ana.', 'garcia@exam', 'ple.org today, and ', 'x'.repeat(100), ' thanks.'];
    const result = run(guard, pieces);
    assert.equal(result.text, `Write to ${'*'.repeat(22)} today, and ${'x'.repeat(100)} thanks.`);
  });

  it('releases plain text with a short delay and all of it by the end', () => {
    const guard = new StreamGuard(rules({ detectors: { secrets: true }, action: 'block' }), 512, undefined);
    const first = guard.push('a'.repeat(100));
    assert.ok(first.ok && first.release.length === 36, 'all but the held-back tail');
    const rest = guard.finish();
    assert.ok(rest.ok && rest.release.length === 64);
  });

  it('puts vault placeholders back even when one is split across pieces', () => {
    const vault: Vault = new Map([['[EMAIL_ADDRESS_1]', 'ana@example.org']]);
    const guard = new StreamGuard([], 512, vault);
    assert.equal(run(guard, ['Mail [EMAIL_', 'ADDRESS_1] now']).text, 'Mail ana@example.org now');
  });
});

describe('rule scope', () => {
  it('applies a rule only to the keys, teams and models it names', () => {
    const [rule] = rules({ detectors: { secrets: true }, action: 'flag', keys: ['app'], routes: ['gpt-4o'] });
    assert.equal(rule?.applies({ keyName: 'app', team: null, model: 'gpt-4o' }), true);
    assert.equal(rule?.applies({ keyName: 'other', team: null, model: 'gpt-4o' }), false);
    assert.equal(rule?.applies({ keyName: 'app', team: null, model: 'smart' }), false);
    const [team] = rules({ detectors: { secrets: true }, action: 'flag', teams: ['search'] });
    assert.equal(team?.applies({ keyName: 'app', team: 'search', model: 'x' }), true);
    assert.equal(team?.applies({ keyName: 'app', team: null, model: 'x' }), false);
  });

  it('refuses a config that cannot work, naming the field', () => {
    const bad = guardrailsConfigSchema.safeParse({
      rules: [{ name: 'r', detectors: { secrets: true }, action: 'block', reversible: true }],
    });
    assert.equal(bad.success, false);
    assert.match(JSON.stringify(bad.error?.issues), /reversible/);
    assert.equal(
      guardrailsConfigSchema.safeParse({ rules: [{ name: 'r', detectors: {}, action: 'flag' }] }).success,
      false,
    );
  });
});
