import type { ChatRequest } from '../../core/types.js';
import { isEmptyObjectSchema, toGeminiSchema } from './convert-schema.js';
import type { GeminiFunctionDeclaration, GeminiRequest, GeminiToolConfig } from './gemini-types.js';

/** Converts OpenAI `tools` and `tool_choice` into Gemini's `tools` and `toolConfig`. */
export function toGeminiTools(request: ChatRequest): Pick<GeminiRequest, 'tools' | 'toolConfig'> {
  const declarations = (request.tools ?? []).map((tool): GeminiFunctionDeclaration => {
    const declaration: GeminiFunctionDeclaration = { name: tool.function.name };
    if (tool.function.description !== undefined) declaration.description = tool.function.description;
    const parameters = tool.function.parameters && toGeminiSchema(tool.function.parameters);
    if (parameters && !isEmptyObjectSchema(parameters)) declaration.parameters = parameters;
    return declaration;
  });
  const toolConfig = toToolConfig(request.tool_choice);
  return {
    ...(declarations.length === 0 ? {} : { tools: [{ functionDeclarations: declarations }] }),
    ...(toolConfig === undefined ? {} : { toolConfig }),
  };
}

function toToolConfig(choice: ChatRequest['tool_choice']): GeminiToolConfig | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
}
