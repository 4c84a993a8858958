import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdsLiteral, holdsType } from './type-evidence.js';

test('docs places are paths, files and URLs; routes are HTTP paths in code', () => {
  assert.equal(holdsType('State lives in an SQLite file in `./.strata/`.', 'location'), true);
  assert.equal(holdsType('State lives in one store.', 'location'), false);
  assert.equal(holdsType('It listens on port 4100.', 'number'), true);
  assert.equal(holdsType('Anything at all.', 'description'), true);
  assert.equal(holdsType('A budget is daily, weekly or monthly.', 'date'), true);
  assert.equal(holdsType('Alerts are checked every 5 minutes.', 'date'), true);
  assert.equal(holdsType('A budget has a limit.', 'date'), false);
  assert.equal(holdsLiteral('Call `POST /v1/knowledge/{kb}/answer`.', 'route'), true);
  assert.equal(holdsLiteral('Set `cache.enabled`.', 'route'), false);
  assert.equal(holdsLiteral('Set `cache.enabled`.', 'code'), true);
  assert.equal(holdsLiteral('Send `x-strata-end-user` with it.', 'header'), true);
  assert.equal(holdsLiteral('Set `cache.enabled`.', 'header'), false);
  assert.equal(holdsLiteral('Set `STRATA_MASTER_KEY` first.', 'variable'), true);
  assert.equal(holdsLiteral('Run `strata kb ingest docs ./docs`.', 'command'), true);
  assert.equal(holdsLiteral('Pass `--port 8080`.', 'flag'), true);
});
