import type { Json, ToolCall } from '../../core/types.js';
import type { GeminiCandidate, GeminiLogprobsResult } from './gemini-types.js';

/** The answer text and function calls of one candidate, thoughts left out. */
export interface CandidateOutput {
  text: string;
  toolCalls: ToolCall[];
}

/** Makes the tool call ids of one response: `call_0`, `call_1`, … in the order the calls appear. */
export function createCallIds(): () => string {
  let next = 0;
  return () => `call_${next++}`;
}

/** Reads a candidate's parts: text (not thoughts) joined, function calls as OpenAI tool calls. */
export function readCandidate(candidate: GeminiCandidate, nextCallId: () => string): CandidateOutput {
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.thought === true) continue;
    if (typeof part.text === 'string') text += part.text;
    if (part.functionCall !== undefined) {
      toolCalls.push({
        id: nextCallId(),
        type: 'function',
        function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    }
  }
  return { text, toolCalls };
}

/** Converts Gemini's log probabilities to OpenAI's `{content: [{token, logprob, top_logprobs}]}`. */
export function toLogprobs(result: GeminiLogprobsResult | undefined): Json {
  if (result === undefined) return null;
  const content = (result.chosenCandidates ?? []).map((chosen, position) => ({
    token: chosen.token ?? '',
    logprob: chosen.logProbability ?? 0,
    bytes: null,
    top_logprobs: (result.topCandidates?.[position]?.candidates ?? []).map((top) => ({
      token: top.token ?? '',
      logprob: top.logProbability ?? 0,
      bytes: null,
    })),
  }));
  return { content, refusal: null };
}
