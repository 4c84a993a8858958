import { StrataError, toStrataError } from '../core/errors.js';
import type { ChatChunk } from '../core/types.js';
import type { Leaf } from './plan.js';
import type { RouteRun } from './route-run.js';
import { type ChainAnswer, runChain } from './run-chain.js';

/** The text a restarted stream shows the user where the first model's answer broke off. */
export function restartNotice(from: string, to: string, code: string): string {
  return `\n\n[strata: the answer from ${from} broke off (${code}); restarting with ${to}]\n\n`;
}

function noticeChunk(template: ChatChunk | undefined, from: string, to: string, code: string): ChatChunk {
  return {
    id: template?.id ?? 'strata-restart',
    object: 'chat.completion.chunk',
    created: template?.created ?? Math.floor(Date.now() / 1000),
    model: to,
    choices: [{ index: 0, delta: { content: restartNotice(from, to, code) }, finish_reason: null }],
    strata_notice: { type: 'restart', from, to, reason: code },
  };
}

function brokeOff(model: string, error: StrataError): StrataError {
  return new StrataError(
    'upstream_error',
    `The answer from \`${model}\` broke off after it started (${error.code}: ${error.message}). The route's stream_fallback is \`error\`, so Strata ends the stream here rather than splice another model's answer onto it.`,
  );
}

/**
 * The stream a client reads from a routed call. Failures before the first chunk were already handled
 * by falling back, invisibly. After it, the route's `stream_fallback` decides: `error` ends the stream
 * with an error event; `restart` shows a notice and streams the next candidate's whole answer from the
 * start. Two models' text is never silently joined.
 */
export function routedStream(
  start: ChainAnswer,
  leaves: readonly Leaf[],
  run: RouteRun,
): AsyncIterable<ChatChunk> {
  return {
    async *[Symbol.asyncIterator]() {
      let current = start;
      let offset = 0;
      let last: ChatChunk | undefined;
      for (;;) {
        if (current.answer.kind !== 'stream') throw new Error('routed streams carry streams');
        const from = `${current.answer.resolved.provider.id}/${current.answer.resolved.upstreamModel}`;
        try {
          for await (const chunk of current.answer.chunks) {
            last = chunk;
            yield chunk;
          }
          return;
        } catch (thrown) {
          const error = toStrataError(thrown);
          if (run.route.options.stream_fallback !== 'restart' || run.signal.aborted)
            throw brokeOff(from, error);
          // The model that broke is not tried again (a hedge may have answered from a later candidate).
          const rest = leaves.slice(offset + current.index + 1).filter((leaf) => leaf.key !== from);
          let next: ChainAnswer;
          try {
            next = await runChain(rest, run, { purpose: 'fallback', stream: true, request: run.request });
          } catch {
            throw brokeOff(from, error);
          }
          offset += current.index + 1;
          current = next;
          run.served(next.answer.resolved);
          const to = `${next.answer.resolved.provider.id}/${next.answer.resolved.upstreamModel}`;
          run.trace.restarts.push(`${from} -> ${to}`);
          yield noticeChunk(last, from, to, error.code);
        }
      }
    },
  };
}
