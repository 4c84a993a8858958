import { StrataError } from '../../core/errors.js';
import type { ChatRequest, Json } from '../../core/types.js';
import { toConverseConversation } from './convert-messages.js';

/** Request fields Bedrock's Converse API has no counterpart for; setting one answers 400. */
export const bedrockUnsupportedParameters = [
  'n',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'seed',
  'frequency_penalty',
  'presence_penalty',
] as const;

/** A Converse (or ConverseStream) request body, and the forced tool standing in for a JSON schema. */
export interface ConverseRequest {
  body: Record<string, unknown>;
  /** Set when `response_format` asked for JSON: the name of the tool whose input is the answer. */
  jsonTool: string | undefined;
}

/**
 * Translates a chat request to a Converse body. Bedrock has no JSON mode, so `response_format` is
 * served like Anthropic's advice: one tool whose input schema is the wanted schema, forced with
 * `toolChoice`; its input becomes the message text. Bedrock has no "none" tool choice either, so
 * `tool_choice: "none"` sends no tools at all. `parallel_tool_calls` is left to the model.
 */
export function toConverseRequest(request: ChatRequest, providerId: string): ConverseRequest {
  rejectUnsupported(request, providerId);
  const { system, messages } = toConverseConversation(request.messages);
  const body: Record<string, unknown> = { messages };
  if (system.length > 0) body.system = system;
  const inferenceConfig = inferenceConfigOf(request);
  if (Object.keys(inferenceConfig).length > 0) body.inferenceConfig = inferenceConfig;
  const { toolConfig, jsonTool } = toolConfigOf(request);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  const extra = request.additionalModelRequestFields;
  if (typeof extra === 'object' && extra !== null) body.additionalModelRequestFields = extra;
  return { body, jsonTool };
}

function rejectUnsupported(request: ChatRequest, providerId: string): void {
  for (const parameter of bedrockUnsupportedParameters) {
    const value = request[parameter];
    if (value === undefined || value === null || value === false) continue;
    if (parameter === 'n' && value === 1) continue;
    throw new StrataError(
      'unsupported_parameter',
      `${providerId} (Bedrock Converse) does not support \`${parameter}\``,
      { param: parameter },
    );
  }
}

function inferenceConfigOf(request: ChatRequest): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined) config.maxTokens = maxTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.top_p !== undefined) config.topP = request.top_p;
  if (request.stop !== undefined) {
    config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  return config;
}

function toolConfigOf(request: ChatRequest): {
  toolConfig: Record<string, unknown> | undefined;
  jsonTool: string | undefined;
} {
  const format = request.response_format;
  if (format !== undefined && format.type !== 'text') {
    if (request.tools !== undefined && request.tools.length > 0) {
      throw new StrataError(
        'unsupported_parameter',
        'Bedrock answers `response_format` through a forced tool, so it cannot be combined with `tools`.',
        { param: 'response_format' },
      );
    }
    const schema: Record<string, Json> =
      format.type === 'json_schema' ? (format.json_schema.schema ?? { type: 'object' }) : { type: 'object' };
    const name = format.type === 'json_schema' ? format.json_schema.name : 'json_response';
    const description =
      format.type === 'json_schema' && format.json_schema.description !== undefined
        ? format.json_schema.description
        : 'Respond with JSON that matches this schema.';
    return {
      toolConfig: {
        tools: [{ toolSpec: { name, description, inputSchema: { json: schema } } }],
        toolChoice: { tool: { name } },
      },
      jsonTool: name,
    };
  }
  if (request.tools === undefined || request.tools.length === 0 || request.tool_choice === 'none') {
    return { toolConfig: undefined, jsonTool: undefined };
  }
  const tools = request.tools.map(({ function: spec }) => ({
    toolSpec: {
      name: spec.name,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      inputSchema: { json: spec.parameters ?? { type: 'object', properties: {} } },
    },
  }));
  const choice = request.tool_choice;
  const toolChoice =
    choice === undefined
      ? undefined
      : choice === 'auto'
        ? { auto: {} }
        : choice === 'required'
          ? { any: {} }
          : { tool: { name: choice.function.name } };
  return {
    toolConfig: toolChoice === undefined ? { tools } : { tools, toolChoice },
    jsonTool: undefined,
  };
}
