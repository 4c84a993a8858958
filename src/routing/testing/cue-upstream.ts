import type { ServerResponse } from 'node:http';
import {
  type FakeUpstream,
  type RecordedRequest,
  startFakeUpstream,
} from '../../models/testing/fake-upstream.js';

/** What the upstream does with the next request for a model. */
export type Cue =
  | 'ok'
  /** Answers with this HTTP status and an OpenAI-style error body. */
  | { status: number; headers?: Record<string, string>; message?: string }
  /** Answers normally after a delay. */
  | { delayMs: number }
  /** Streams its first chunk, then drops the connection. */
  | 'break-after-first'
  /** Answers with a `content_filter` finish. */
  | 'content-filter'
  /** Answers with this text. */
  | { text: string };

/** A loopback OpenAI-compatible upstream that fails on cue, per model. */
export interface CueUpstream extends FakeUpstream {
  /** Queues what the next requests for `model` get; once the queue is empty, they get `ok`. */
  cue(model: string, ...cues: Cue[]): void;
  /** Requests received for one model. */
  requestsFor(model: string): RecordedRequest[];
  /** When (`performance.now()`) each request for one model arrived. */
  arrivals(model: string): number[];
  /** Forgets the arrivals and any cue not yet used. */
  reset(): void;
}

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function answer(model: string, text: string, finish: string) {
  return {
    id: `chatcmpl-${model}`,
    object: 'chat.completion',
    created: 1_754_937_155,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }],
    usage,
  };
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null, withUsage = false) {
  return `data: ${JSON.stringify({
    id: `chatcmpl-${model}`,
    object: 'chat.completion.chunk',
    created: 1_754_937_155,
    model,
    choices: withUsage ? [] : [{ index: 0, delta, finish_reason: finish }],
    usage: withUsage ? usage : null,
  })}\n\n`;
}

async function respond(response: ServerResponse, model: string, stream: boolean, cue: Cue): Promise<void> {
  if (typeof cue === 'object' && 'status' in cue) {
    response.writeHead(cue.status, { 'content-type': 'application/json', ...cue.headers });
    response.end(
      JSON.stringify({
        error: { message: cue.message ?? `cued ${cue.status}`, type: 'api_error', code: null },
      }),
    );
    return;
  }
  if (typeof cue === 'object' && 'delayMs' in cue)
    await new Promise((resolve) => setTimeout(resolve, cue.delayMs));
  const text = typeof cue === 'object' && 'text' in cue ? cue.text : `answer from ${model}`;
  const finish = cue === 'content-filter' ? 'content_filter' : 'stop';
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer(model, text, finish)));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(chunk(model, { role: 'assistant', content: `${text} (part 1)` }, null));
  if (cue === 'break-after-first') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    response.destroy();
    return;
  }
  response.write(chunk(model, { content: ' (part 2)' }, null));
  response.write(chunk(model, {}, finish));
  response.write(chunk(model, {}, null, true));
  response.end('data: [DONE]\n\n');
}

/** Starts the upstream on 127.0.0.1; every model answers `answer from <model>` unless cued otherwise. */
export async function startCueUpstream(): Promise<CueUpstream> {
  const queues = new Map<string, Cue[]>();
  const times = new Map<string, number[]>();
  const upstream = await startFakeUpstream(async (recorded, response) => {
    const body = JSON.parse(recorded.body || '{}') as { model?: string; stream?: boolean };
    const model = body.model ?? '';
    times.set(model, [...(times.get(model) ?? []), performance.now()]);
    const cue = queues.get(model)?.shift() ?? 'ok';
    await respond(response, model, body.stream === true, cue);
  });
  return {
    ...upstream,
    cue(model, ...cues) {
      queues.set(model, [...(queues.get(model) ?? []), ...cues]);
    },
    arrivals: (model) => times.get(model) ?? [],
    reset() {
      upstream.requests.length = 0;
      queues.clear();
      times.clear();
    },
    requestsFor: (model) =>
      upstream.requests.filter(
        (request) => (JSON.parse(request.body || '{}') as { model?: string }).model === model,
      ),
  };
}
