import type { ChatRequest, ChatResponse, Json } from '../../../core/types.js';
import type { VerifierCallPurpose, VerifyContext } from '../verifier.js';

/** A one-message user request to `model`. */
export function userRequest(content: string, model = 'small'): ChatRequest {
  return { model, messages: [{ role: 'user', content }] };
}

/** A chat response whose first choice says `content`, optionally with logprobs. */
export function answer(content: string, model = 'small', logprobs: Json | null = null): ChatResponse {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs }],
  };
}

/** A verify context whose `chat` answers from `reply` and records every call with its purpose. */
export function recordingContext(
  reply: (request: ChatRequest) => string | Error,
  extra: Partial<VerifyContext> = {},
): VerifyContext & { calls: Array<{ request: ChatRequest; purpose: VerifierCallPurpose }> } {
  const calls: Array<{ request: ChatRequest; purpose: VerifierCallPurpose }> = [];
  return {
    calls,
    signal: new AbortController().signal,
    async chat(request, purpose) {
      calls.push({ request, purpose });
      const text = reply(request);
      if (text instanceof Error) throw text;
      return answer(text, request.model);
    },
    ...extra,
  };
}
