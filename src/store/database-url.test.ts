import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { StrataError } from '../core/errors.js';
import { resolveDatabaseTarget } from './database-url.js';

const home = resolve('strata-home');

describe('resolveDatabaseTarget', () => {
  it('uses strata.db in the home folder when no URL is set', () => {
    const expected = { dialect: 'sqlite', file: join(home, 'strata.db') };
    assert.deepEqual(resolveDatabaseTarget({ home }), expected);
    assert.deepEqual(resolveDatabaseTarget({ url: '', home }), expected);
    assert.deepEqual(resolveDatabaseTarget({ url: 'sqlite:', home }), expected);
  });

  it('accepts sqlite: URLs and plain file paths', () => {
    assert.deepEqual(resolveDatabaseTarget({ url: 'sqlite:///var/lib/strata.db', home }), {
      dialect: 'sqlite',
      file: '/var/lib/strata.db',
    });
    assert.deepEqual(resolveDatabaseTarget({ url: 'sqlite:data/strata.db', home }), {
      dialect: 'sqlite',
      file: resolve('data/strata.db'),
    });
    assert.deepEqual(resolveDatabaseTarget({ url: 'sqlite::memory:', home }), {
      dialect: 'sqlite',
      file: ':memory:',
    });
    assert.deepEqual(resolveDatabaseTarget({ url: './local.db', home }), {
      dialect: 'sqlite',
      file: resolve('local.db'),
    });
  });

  it('passes postgres:// and postgresql:// URLs through unchanged', () => {
    for (const url of ['postgres://user:secret@db:5432/strata', 'postgresql://db/strata?sslmode=require']) {
      assert.deepEqual(resolveDatabaseTarget({ url, home }), { dialect: 'postgres', connectionString: url });
    }
  });

  it('rejects an unknown scheme with config_invalid naming DATABASE_URL and the accepted forms', () => {
    assert.throws(
      () => resolveDatabaseTarget({ url: 'mysql://root:hunter2@db/strata', home }),
      (error: unknown) => {
        assert.ok(error instanceof StrataError);
        assert.equal(error.code, 'config_invalid');
        assert.equal(error.param, 'DATABASE_URL');
        assert.match(error.message, /DATABASE_URL/);
        assert.match(error.message, /mysql:/);
        assert.match(error.message, /postgres:\/\//);
        assert.match(error.message, /sqlite:/);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });
});
