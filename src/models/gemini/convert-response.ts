import { newId } from '../../core/ids.js';
import type { ChatChoice, ChatResponse } from '../../core/types.js';
import { isJsonObject } from '../openai-shapes.js';
import { createCallIds, readCandidate, toLogprobs } from './candidate-parts.js';
import { toWireUsage } from './convert-usage.js';
import { toFinishReason } from './finish-reason.js';
import type { GeminiResponse } from './gemini-types.js';

/** Checks the minimal shape of a Gemini answer: an object whose `candidates`, when present, is an array. */
export function isGeminiResponse(value: unknown): value is GeminiResponse {
  if (!isJsonObject(value)) return false;
  const candidates = value.candidates;
  return candidates === undefined || (Array.isArray(candidates) && candidates.every(isJsonObject));
}

/** True when Gemini refused the prompt itself: a block reason and no candidates. */
export function isBlockedPrompt(response: GeminiResponse): boolean {
  return response.promptFeedback?.blockReason !== undefined && (response.candidates ?? []).length === 0;
}

/** Converts a generateContent answer into an OpenAI chat completion. */
export function toChatResponse(response: GeminiResponse, requestedModel: string): ChatResponse {
  const nextCallId = createCallIds();
  const choices = (response.candidates ?? []).map((candidate, position): ChatChoice => {
    const { text, toolCalls } = readCandidate(candidate, nextCallId);
    const hasToolCalls = toolCalls.length > 0;
    const choice: ChatChoice = {
      index: candidate.index ?? position,
      message: {
        role: 'assistant',
        content: hasToolCalls && text === '' ? null : text,
        ...(hasToolCalls ? { tool_calls: toolCalls } : {}),
      },
      finish_reason: toFinishReason(candidate.finishReason, hasToolCalls),
    };
    if (candidate.logprobsResult !== undefined) choice.logprobs = toLogprobs(candidate.logprobsResult);
    return choice;
  });
  // A blocked prompt is an answer, not a failure: one empty choice, filtered.
  if (isBlockedPrompt(response)) {
    choices.push({ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'content_filter' });
  }
  return {
    id: response.responseId === undefined ? newId('chatcmpl') : `chatcmpl-${response.responseId}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? requestedModel,
    choices,
    ...(response.usageMetadata === undefined ? {} : { usage: toWireUsage(response.usageMetadata) }),
  };
}
