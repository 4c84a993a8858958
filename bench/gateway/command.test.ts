import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatewayBenchOptions } from './command.js';
import { raceTargetNames } from './report.js';

test('--stream measures streams only, and --no-portkey leaves Portkey out of every target list', () => {
  const options = gatewayBenchOptions({ stream: true, 'no-portkey': true });
  assert.deepEqual(options.modes, ['stream']);
  assert.deepEqual(
    options.targets,
    raceTargetNames.filter((name) => name !== 'portkey'),
  );
  assert.deepEqual(gatewayBenchOptions({}).modes, ['json', 'stream']);
});

test('numeric flags are read, and bad targets, modes and rates are refused with the flag named', () => {
  const options = gatewayBenchOptions({
    rates: '50,250',
    duration: '3',
    rounds: '2',
    targets: 'bare,strata_full',
  });
  assert.deepEqual(options.rates, [50, 250]);
  assert.equal(options.durationSeconds, 3);
  assert.equal(options.rounds, 2);
  assert.deepEqual(options.targets, ['bare', 'strata_full']);
  assert.throws(() => gatewayBenchOptions({ targets: 'bare,kong' }), /--targets: unknown target `kong`/);
  assert.throws(() => gatewayBenchOptions({ modes: 'xml' }), /--modes/);
  assert.throws(() => gatewayBenchOptions({ rates: '0' }), /--rates/);
});

test('the side-by-side pairs take 0 (skipped), windows per pair and a rate of their own', () => {
  const options = gatewayBenchOptions({
    'side-by-side-pairs': '0',
    'side-by-side-windows': '4',
    'side-by-side-rate': '450',
  });
  assert.equal(options.sideBySidePairs, 0);
  assert.equal(options.sideBySideWindows, 4);
  assert.equal(options.sideBySideRate, 450);
  assert.equal(gatewayBenchOptions({}).sideBySidePairs, undefined);
  assert.equal(gatewayBenchOptions({ 'side-by-side-windows': '0' }).sideBySideWindows, 1);
  assert.throws(() => gatewayBenchOptions({ 'side-by-side-rate': '-5' }), /side-by-side-rate/);
});
