import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toMicroUsd } from './micro-usd.js';
import { windowStart } from './window-start.js';

test('daily windows roll over at UTC midnight', () => {
  assert.equal(windowStart('daily', new Date('2026-03-10T23:59:59.999Z')), '2026-03-10T00:00:00.000Z');
  assert.equal(windowStart('daily', new Date('2026-03-11T00:00:00.000Z')), '2026-03-11T00:00:00.000Z');
});

test('weekly windows start on Monday, across month and year ends', () => {
  // 2026-03-15 is a Sunday, 2026-03-16 a Monday.
  assert.equal(windowStart('weekly', new Date('2026-03-15T12:00:00Z')), '2026-03-09T00:00:00.000Z');
  assert.equal(windowStart('weekly', new Date('2026-03-16T00:00:00Z')), '2026-03-16T00:00:00.000Z');
  // 2027-01-01 is a Friday: its week began on Monday 2026-12-28.
  assert.equal(windowStart('weekly', new Date('2027-01-01T08:00:00Z')), '2026-12-28T00:00:00.000Z');
});

test('monthly windows start on the first, total has one window forever', () => {
  assert.equal(windowStart('monthly', new Date('2026-02-28T23:00:00Z')), '2026-02-01T00:00:00.000Z');
  assert.equal(windowStart('monthly', new Date('2026-03-01T00:00:00Z')), '2026-03-01T00:00:00.000Z');
  assert.equal(windowStart('total', new Date('2030-06-01T00:00:00Z')), windowStart('total', new Date(0)));
});

test('costs round up to whole micro-dollars, exact ones stay put', () => {
  assert.equal(toMicroUsd(0.000123), 123);
  assert.equal(toMicroUsd(0.0001231), 124);
  assert.equal(toMicroUsd(0), 0);
  assert.equal(toMicroUsd(1.1), 1_100_000);
});
