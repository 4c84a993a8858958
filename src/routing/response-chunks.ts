import type { ChatChunk, ChatResponse } from '../core/types.js';

/**
 * A whole (buffered, verified) answer as a chunk stream: one chunk of content per choice, one finishing
 * chunk, and a usage chunk, so a streaming client of a cascade gets the shape it asked for.
 */
export async function* responseChunks(response: ChatResponse): AsyncGenerator<ChatChunk> {
  const base = {
    id: response.id,
    object: 'chat.completion.chunk' as const,
    created: response.created,
    model: response.model,
  };
  yield {
    ...base,
    choices: response.choices.map((choice) => ({
      index: choice.index,
      delta: {
        role: 'assistant' as const,
        content: typeof choice.message.content === 'string' ? choice.message.content : null,
        ...(choice.message.tool_calls && {
          tool_calls: choice.message.tool_calls.map((call, index) => ({ index, ...call })),
        }),
      },
      finish_reason: null,
    })),
  };
  yield {
    ...base,
    choices: response.choices.map((choice) => ({
      index: choice.index,
      delta: {},
      finish_reason: choice.finish_reason,
    })),
  };
  if (response.usage) yield { ...base, choices: [], usage: response.usage };
}
