import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifierConfigSchema } from '../../config/verifiers.js';
import { createVerifier } from './create-verifier.js';
import { answer, recordingContext, userRequest } from './testing/verify-fixtures.js';

test('custom verifiers load a module from config and turn every failure into a verdict', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'strata-custom-verifier-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  await writeFile(
    join(folder, 'checks.mjs'),
    [
      'export default ({ answer }) => ({ score: answer.includes("sorry") ? 0 : 1, reason: "tone check" });',
      'export const lengthy = async ({ answer }) => answer.length / 10;',
      'export const broken = () => { throw new Error("bad check"); };',
      'export const odd = () => "yes";',
    ].join('\n'),
  );
  const build = (extra: object) =>
    createVerifier(verifierConfigSchema.parse({ type: 'custom', module: './checks.mjs', ...extra }), {
      baseDirectory: folder,
    });
  const context = recordingContext(() => 'unused');
  const run = (extra: object, text: string) => build(extra).verify(userRequest('q'), answer(text), context);

  assert.deepEqual(await run({}, 'Here you go'), { score: 1, pass: true, reason: 'tone check' });
  assert.equal((await run({}, 'sorry, no')).pass, false);
  assert.deepEqual(await run({ export: 'lengthy' }, 'abcd'), {
    score: 0.4,
    pass: false,
    reason: './checks.mjs#lengthy scored 0.4',
  });
  assert.match((await run({ export: 'broken' }, 'x')).reason, /failed: bad check/);
  assert.match((await run({ export: 'odd' }, 'x')).reason, /returned "yes", not a score/);
  assert.match((await run({ export: 'missing' }, 'x')).reason, /exports no function `missing`/);
  const absent = await createVerifier(
    verifierConfigSchema.parse({ type: 'custom', module: './nowhere.mjs' }),
    { baseDirectory: folder },
  ).verify(userRequest('q'), answer('x'), context);
  assert.equal(absent.pass, false);
  assert.match(absent.reason, /custom verifier \.\/nowhere\.mjs#default failed/);
});
