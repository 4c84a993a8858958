import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifierConfigSchema } from '../../config/verifiers.js';
import { createVerifier } from './create-verifier.js';
import { parseJudgeScore } from './llm-judge.js';
import { answer, recordingContext, userRequest } from './testing/verify-fixtures.js';

test('parses judge scores however they are written', () => {
  assert.equal(parseJudgeScore('{"score": 8, "why": "ok"}'), 0.8);
  assert.equal(parseJudgeScore('Score: 7/10. Mostly right.'), 0.7);
  assert.equal(parseJudgeScore('I would give it 3 out of 5'), 0.6);
  assert.equal(parseJudgeScore('Rating - 0.85'), 0.85);
  assert.equal(parseJudgeScore('Grade: 90%'), 0.9);
  assert.equal(parseJudgeScore('9\nThe answer is complete.'), 0.9);
  assert.equal(parseJudgeScore('Score: 12'), 0.12);
  assert.equal(parseJudgeScore('Looks fine to me.'), undefined);
});

test('llm_judge asks the judge model with the rubric under the judge purpose and reads its score', async () => {
  const context = recordingContext(() => 'Score: 9\nCorrect and polite.');
  const verifier = createVerifier(
    verifierConfigSchema.parse({ type: 'llm_judge', model: 'judge-model', rubric: 'Is it polite?' }),
  );
  const verdict = await verifier.verify(userRequest('Say hi'), answer('Hello there!'), context);
  assert.equal(verdict.score, 0.9);
  assert.equal(verdict.pass, true);
  assert.match(verdict.reason, /judge judge-model scored 0\.90/);
  const [call] = context.calls;
  assert.equal(call?.purpose, 'judge');
  assert.equal(call?.request.model, 'judge-model');
  assert.match(String(call?.request.messages[0]?.content), /Is it polite\?/);
  assert.match(String(call?.request.messages[1]?.content), /Say hi[\s\S]*Hello there!/);
});

test('llm_judge fails with a reason when the reply has no score or the judge errors', async () => {
  const config = verifierConfigSchema.parse({ type: 'llm_judge', model: 'j', rubric: 'r' });
  const vague = await createVerifier(config).verify(
    userRequest('q'),
    answer('a'),
    recordingContext(() => 'It is good.'),
  );
  assert.equal(vague.pass, false);
  assert.match(vague.reason, /no score could be read/);
  const broken = await createVerifier(config).verify(
    userRequest('q'),
    answer('a'),
    recordingContext(() => new Error('no such model')),
  );
  assert.match(broken.reason, /could not be asked: no such model/);
});
