import { StrataError } from '../../core/errors.js';
import type { ChatRequest } from '../../core/types.js';
import { convertMessages } from './convert-messages.js';
import type { MessagesBody, ToolChoiceParam, ToolParam } from './messages-api.js';

/** Anthropic requires `max_tokens`; this is what a request without one gets. */
export const defaultMaxTokens = 4096;

/** OpenAI request fields Anthropic has no equivalent for. */
export const unsupportedParameters = [
  'n',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'frequency_penalty',
  'presence_penalty',
  'seed',
] as const;

/** The forced tool that stands in for `response_format: json_object`. */
export const jsonObjectToolName = 'json_object';

/** A Messages body plus what reading the answer back needs to know. */
export interface ConvertedRequest {
  body: MessagesBody;
  /** The forced tool whose input is the answer, when the client asked for JSON output. */
  structuredTool: string | undefined;
  /** Whether thinking blocks go back to the client as `reasoning_content`. */
  includeThinking: boolean;
}

/** Translates an OpenAI chat request into an Anthropic Messages body; unsupported fields throw 400. */
export function convertRequest(request: ChatRequest): ConvertedRequest {
  rejectUnsupported(request);
  const { system, messages } = convertMessages(request.messages);
  const body: MessagesBody = {
    model: request.model,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? defaultMaxTokens,
    messages,
  };
  if (system !== undefined) body.system = system;
  if (request.stop !== undefined && request.stop !== null) {
    body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  if (request.user) body.metadata = { user_id: request.user };
  if (request.thinking !== undefined) body.thinking = request.thinking;
  if (request.top_k !== undefined) body.top_k = request.top_k;
  const structuredTool = applyTools(request, body);
  return { body, structuredTool, includeThinking: request.include_thinking === true };
}

/** Sets `tools` and `tool_choice`; returns the forced tool's name when JSON output is emulated with one. */
function applyTools(request: ChatRequest, body: MessagesBody): string | undefined {
  const format = request.response_format;
  if (format !== undefined && format.type !== 'text') {
    if (request.tools !== undefined && request.tools.length > 0) {
      throw new StrataError(
        'unsupported_parameter',
        'Anthropic structured output is emulated with a forced tool, so `response_format` cannot be combined with `tools`.',
        { param: 'response_format' },
      );
    }
    const tool: ToolParam =
      format.type === 'json_schema'
        ? {
            name: format.json_schema.name,
            description: format.json_schema.description ?? 'Answer with a JSON object matching this schema.',
            input_schema: format.json_schema.schema ?? { type: 'object' },
          }
        : {
            name: jsonObjectToolName,
            description: 'Answer with a JSON object.',
            input_schema: { type: 'object' },
          };
    body.tools = [tool];
    body.tool_choice = { type: 'tool', name: tool.name };
    return tool.name;
  }
  if (request.tools === undefined || request.tools.length === 0) return undefined;
  body.tools = request.tools.map(({ function: definition }) => ({
    name: definition.name,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    input_schema: definition.parameters ?? { type: 'object', properties: {} },
  }));
  const choice = toolChoice(request);
  if (choice !== undefined) body.tool_choice = choice;
  return undefined;
}

function toolChoice(request: ChatRequest): ToolChoiceParam | undefined {
  const choice = request.tool_choice;
  if (choice === 'none') return { type: 'none' };
  const serial = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === 'required') return { type: 'any', ...serial };
  if (typeof choice === 'object') return { type: 'tool', name: choice.function.name, ...serial };
  if (choice === 'auto' || request.parallel_tool_calls === false) return { type: 'auto', ...serial };
  return undefined;
}

/** Neutral values (n: 1, logprobs: false, a zero penalty, an empty bias) ask for nothing, so they pass. */
function rejectUnsupported(request: ChatRequest): void {
  for (const parameter of unsupportedParameters) {
    const value = request[parameter];
    if (value === undefined || value === null || value === false) continue;
    if (parameter === 'n' && value === 1) continue;
    if ((parameter === 'frequency_penalty' || parameter === 'presence_penalty') && value === 0) continue;
    if (parameter === 'top_logprobs' && value === 0) continue;
    if (typeof value === 'object' && Object.keys(value).length === 0) continue;
    throw new StrataError('unsupported_parameter', `Anthropic does not support \`${parameter}\`.`, {
      param: parameter,
    });
  }
}
