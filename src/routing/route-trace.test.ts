import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRouteTrace, formatRouteHeader } from './route-trace.js';

test('the header is one compact, header-safe line', () => {
  const trace = createRouteTrace('support-bot', 'cascade');
  trace.steps.push({ attempt: 1, purpose: 'primary', model: 'groq/llama', outcome: 'rejected', ms: 120 });
  trace.steps.push({ attempt: 2, purpose: 'escalation', model: 'openai/gpt-4o', outcome: 'ok', ms: 900 });
  trace.verdicts.push({ tier: 1, verifier: 'regex', score: 0, pass: false, reason: 'no match; “quoted”' });
  trace.escalations.push('tier 1 -> 2: regex 0.00 (no match; “quoted”)');
  const header = formatRouteHeader(trace);
  assert.equal(
    header,
    'route=support-bot; plan=cascade; attempts=1:primary:groq/llama:rejected,2:escalation:openai/gpt-4o:ok; verdicts=1:regex:0.00:fail; escalated=tier 1 -> 2: regex 0.00 (no match  ?quoted?)',
  );
  assert.match(header, /^[\x20-\x7e]+$/);
});
