import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readEnvironment } from './env.js';
import { parseConfig } from './load.js';

const environment = readEnvironment({});
const issuesOf = (routes: unknown) => {
  const result = parseConfig({ routes }, environment);
  return result.ok ? [] : result.issues;
};

test('a bare string is a model step, and every option has its default', () => {
  const result = parseConfig(
    { routes: { auto: { fallback: ['a', { model: 'b', weight: 2 }] } } },
    environment,
  );
  assert.ok(result.ok);
  const route = result.value.routes.auto;
  assert.deepEqual(route?.fallback, [{ model: 'a' }, { model: 'b', weight: 2 }]);
  assert.equal(route?.stream_fallback, 'error');
  assert.equal(route?.retries.max, 1);
  assert.equal(route?.breaker.enabled, true);
  assert.equal(route?.context_window_fallback, true);
});

test('validation errors name the path of the bad step', () => {
  assert.deepEqual(issuesOf({ auto: { fallback: ['a', { modle: 'b' }] } }), [
    'routes.auto.fallback[1]: Unrecognized key: "modle"',
    'routes.auto.fallback[1]: give one of model, fallback, balance, rules, cascade (a plan says which model or models serve the route)',
  ]);
  assert.deepEqual(issuesOf({ auto: { model: 'a', fallback: ['b'] } }), [
    'routes.auto: give only one of model, fallback in one plan; nest plans to combine them',
  ]);
  assert.deepEqual(issuesOf({ auto: { rules: [{ when: { last_user_message: '(' }, use: 'a' }] } }), [
    'routes.auto.rules[0].when.last_user_message: not a valid regular expression',
  ]);
  assert.deepEqual(issuesOf({ auto: { balance: { strategy: 'fastest', targets: ['a'] } } }).length, 1);
  assert.match(
    issuesOf({ auto: { cascade: [{ use: 'a', verifiers: [{ type: 'regex' }] }] } })[0] ?? '',
    /^routes\.auto\.cascade\[0\]\.verifiers\[0\]\.pattern: /,
  );
  assert.deepEqual(issuesOf({ auto: { model: 'a', hedge: {} } }), [
    'routes.auto.hedge: set after_ms, percentile or both',
  ]);
});
