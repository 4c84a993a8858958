/** The bodies the mock upstream serves, built once at start so serving them costs almost nothing. */

const completionId = 'chatcmpl-strataBenchMock00000000001';
const created = 1_735_689_600;
const model = 'gpt-4o-mini-2024-07-18';
const fingerprint = 'fp_5b1a8c2e9d';

const answerWords = [
  'A gateway ',
  'adds ',
  'one ',
  'network ',
  'hop, ',
  'so ',
  'its ',
  'own ',
  'cost ',
  'per ',
  'request ',
  'should ',
  'stay ',
  'small ',
  'next ',
  'to ',
  'the ',
  'model ',
  'call ',
  'itself.',
];

const usage = {
  prompt_tokens: 31,
  completion_tokens: answerWords.length,
  total_tokens: 31 + answerWords.length,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

/** A non-streaming `chat.completion` body of about 600 bytes, with usage. */
export const completionBody: Buffer = Buffer.from(
  JSON.stringify({
    id: completionId,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answerWords.join(''), refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage,
    service_tier: 'default',
    system_fingerprint: fingerprint,
  }),
);

function chunkEvent(choices: unknown[], chunkUsage: unknown = null): Buffer {
  const chunk = {
    id: completionId,
    object: 'chat.completion.chunk',
    created,
    model,
    service_tier: 'default',
    system_fingerprint: fingerprint,
    choices,
    usage: chunkUsage,
  };
  return Buffer.from(`data: ${JSON.stringify(chunk)}\n\n`);
}

/** The SSE events of a streamed answer: role, 20 content deltas, finish, usage, then `[DONE]`. */
export const streamEvents: readonly Buffer[] = [
  chunkEvent([
    {
      index: 0,
      delta: { role: 'assistant', content: '', refusal: null },
      logprobs: null,
      finish_reason: null,
    },
  ]),
  ...answerWords.map((word) =>
    chunkEvent([{ index: 0, delta: { content: word }, logprobs: null, finish_reason: null }]),
  ),
  chunkEvent([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]),
  chunkEvent([], usage),
  Buffer.from('data: [DONE]\n\n'),
];

/** The body of `GET /v1/models`. */
export const modelsBody: Buffer = Buffer.from(
  JSON.stringify({
    object: 'list',
    data: [
      { id: 'gpt-4o-mini', object: 'model', created, owned_by: 'strata-bench' },
      { id: 'gpt-4o', object: 'model', created, owned_by: 'strata-bench' },
    ],
  }),
);
