import { StrataError } from '../../core/errors.js';
import type { ChatRequest } from '../../core/types.js';
import { toGeminiConversation } from './convert-messages.js';
import { toGeminiSchema } from './convert-schema.js';
import { toGeminiTools } from './convert-tools.js';
import type { GeminiGenerationConfig, GeminiRequest } from './gemini-types.js';

/** Request fields Gemini has no counterpart for; setting one is a 400 `unsupported_parameter`. */
export const geminiUnsupportedParameters: readonly string[] = ['logit_bias'];

/** Converts an OpenAI chat request into the body of a Gemini generateContent call. */
export function toGeminiRequest(request: ChatRequest): GeminiRequest {
  for (const parameter of geminiUnsupportedParameters) {
    if (request[parameter] === undefined || request[parameter] === null) continue;
    throw new StrataError('unsupported_parameter', `Gemini does not support \`${parameter}\`.`, {
      param: parameter,
    });
  }
  const generationConfig = toGenerationConfig(request);
  return {
    ...toGeminiConversation(request.messages),
    ...toGeminiTools(request),
    ...(Object.keys(generationConfig).length === 0 ? {} : { generationConfig }),
  };
}

function toGenerationConfig(request: ChatRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.top_p !== undefined) config.topP = request.top_p;
  if (maxTokens !== undefined) config.maxOutputTokens = maxTokens;
  if (request.stop !== undefined)
    config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.n !== undefined) config.candidateCount = request.n;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.logprobs !== undefined) config.responseLogprobs = request.logprobs;
  if (request.logprobs && request.top_logprobs !== undefined) config.logprobs = request.top_logprobs;
  if (request.presence_penalty !== undefined) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty !== undefined) config.frequencyPenalty = request.frequency_penalty;
  const format = request.response_format;
  if (format?.type === 'json_object' || format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
  }
  // `responseSchema` (the OpenAPI subset every Gemini model takes) rather than the newer
  // `responseJsonSchema`, which older models reject; keywords outside the subset are dropped.
  if (format?.type === 'json_schema' && format.json_schema.schema !== undefined) {
    config.responseSchema = toGeminiSchema(format.json_schema.schema);
  }
  return config;
}
