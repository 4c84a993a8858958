import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { readEnvironment } from './env.js';
import { loadConfig, parseConfig } from './load.js';

const environment = readEnvironment({ MY_KEY: 'sk-from-env', HOME_DIR: '/srv/strata' });

test('with no file, every default is filled in', () => {
  const result = parseConfig(undefined, readEnvironment({}));
  assert.ok(result.ok);
  assert.equal(result.value.server.port, 4100);
  assert.equal(result.value.server.host, '127.0.0.1');
  assert.equal(result.value.store.home, './.strata');
  assert.equal(result.value.server.auth, true);
  assert.deepEqual(result.value.providers, {});
});

test('${VAR} and ${VAR:-default} are interpolated from the environment', () => {
  const result = parseConfig(
    {
      providers: {
        local: {
          kind: 'openai-compatible',
          base_url: '${BASE:-http://127.0.0.1:8000/v1}',
          api_key: '${MY_KEY}',
        },
      },
      store: { home: '${HOME_DIR}' },
    },
    environment,
  );
  assert.ok(result.ok);
  assert.equal(result.value.providers.local?.api_key, 'sk-from-env');
  assert.equal(result.value.providers.local?.base_url, 'http://127.0.0.1:8000/v1');
  assert.equal(result.value.store.home, '/srv/strata');
});

test('an unset variable is reported with the path that used it', () => {
  const result = parseConfig({ providers: { openai: { api_key: '${NOT_SET}' } } }, environment);
  assert.deepEqual(result.ok ? [] : result.issues, [
    'providers.openai.api_key: environment variable NOT_SET is not set (write ${NOT_SET:-} to allow empty)',
  ]);
});

test('bad fields are reported with their path and what is wrong', () => {
  const result = parseConfig(
    {
      server: { port: 'eighty' },
      providers: { local: { kind: 'openai-compatible', base_url: 'not a url', colour: 'blue' } },
      models: [{ name: 'fast', provider: 'local' }],
    },
    environment,
  );
  assert.equal(result.ok, false);
  const issues = result.ok ? [] : result.issues;
  assert.ok(issues.some((issue) => issue.startsWith('server.port:')));
  assert.ok(issues.some((issue) => issue.startsWith('providers.local.base_url:')));
  assert.ok(issues.some((issue) => issue.startsWith('providers.local:') && issue.includes('colour')));
  assert.ok(issues.some((issue) => issue.startsWith('models[0].model:')));
});

test('STRATA_HOME, DATABASE_URL and STRATA_PORT override the file', () => {
  const result = parseConfig(
    { store: { home: './here' } },
    readEnvironment({ STRATA_HOME: '/data', DATABASE_URL: 'postgres://db/strata', STRATA_PORT: '9000' }),
  );
  assert.ok(result.ok);
  assert.equal(result.value.store.home, '/data');
  assert.equal(result.value.store.database_url, 'postgres://db/strata');
  assert.equal(result.value.server.port, 9000);
});

test('loading a file names the file in every issue; YAML errors and missing files are issues too', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'strata-config-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const bad = join(folder, 'bad.yaml');
  await writeFile(bad, 'server:\n  port: -1\n');
  const broken = join(folder, 'broken.yaml');
  await writeFile(broken, 'server: [unclosed\n');
  const good = join(folder, 'good.yaml');
  await writeFile(
    good,
    'providers:\n  groq:\n    api_key: ${MY_KEY}\nmodels:\n  - name: fast\n    provider: groq\n    model: llama-3.1-8b-instant\n',
  );

  const badResult = await loadConfig({ path: bad, environment });
  assert.ok(!badResult.ok && badResult.issues[0]?.startsWith(`${bad}: server.port:`));
  const brokenResult = await loadConfig({ path: broken, environment });
  assert.ok(!brokenResult.ok && brokenResult.issues[0]?.includes('not valid YAML'));
  const missing = await loadConfig({ path: join(folder, 'missing.yaml'), environment });
  assert.ok(!missing.ok && missing.issues[0]?.includes('no such file; check the --config path'));
  const goodResult = await loadConfig({ path: good, environment });
  assert.ok(goodResult.ok);
  assert.equal(goodResult.value.models[0]?.model, 'llama-3.1-8b-instant');
});

test("the README's configuration example is valid", async () => {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const example = /```yaml\n(server:[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, 'the README has a strata.yaml example');
  const result = parseConfig(
    parseYaml(example),
    readEnvironment({
      OPENAI_API_KEY: 'sk-x',
      AZURE_OPENAI_API_KEY: 'az-x',
      CI_STRATA_KEY: 'ci-key-0123456789abcdef',
    }),
  );
  assert.deepEqual(result.ok ? [] : result.issues, []);
});
