/**
 * Prompt tokens of the `tools` list. OpenAI renders tool definitions into a hidden system section
 * whose exact format is unpublished; this follows the approximation OpenAI's cookbook ("How to count
 * tokens with tiktoken", function calling) fitted to the API: a fixed cost per function and per
 * property, the text "name:description" per function and "name:type:description" per top-level
 * property (trailing full stops dropped), enum values with a per-item cost, and a closing cost.
 * Nested objects, `required`, and other schema keywords are not counted, so the result is never exact.
 */
import type { Json, ToolDefinition } from '../../core/types.js';
import type { Tokenizer } from './tokenizer.js';

// The cookbook's fitted constants; cl100k models (gpt-4, gpt-3.5) spend 3 more per function.
const functionStartO200k = 7;
const functionStartCl100k = 10;
const propertiesStart = 3;
const propertyCost = 3;
const enumStart = -3;
const enumItemCost = 3;
const toolsEnd = 12;

function withoutFullStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

function asText(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function propertyTokens(name: string, schema: Json | undefined, tokenizer: Tokenizer): number {
  const fields = schema !== null && typeof schema === 'object' && !Array.isArray(schema) ? schema : {};
  let tokens = propertyCost;
  const values = fields.enum;
  if (Array.isArray(values)) {
    tokens += enumStart;
    for (const item of values) tokens += enumItemCost + tokenizer.count(asText(item));
  }
  const line = `${name}:${asText(fields.type)}:${withoutFullStop(asText(fields.description))}`;
  return tokens + tokenizer.count(line);
}

/** Counts the prompt tokens a list of tool definitions adds, by the cookbook's approximation. */
export function countToolDefinitions(tools: readonly ToolDefinition[], tokenizer: Tokenizer): number {
  if (tools.length === 0) return 0;
  const functionStart = tokenizer.name === 'cl100k_base' ? functionStartCl100k : functionStartO200k;
  let tokens = toolsEnd;
  for (const { function: definition } of tools) {
    tokens += functionStart;
    tokens += tokenizer.count(`${definition.name}:${withoutFullStop(definition.description ?? '')}`);
    const properties = definition.parameters?.properties;
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) continue;
    const names = Object.keys(properties);
    if (names.length === 0) continue;
    tokens += propertiesStart;
    for (const name of names) tokens += propertyTokens(name, properties[name], tokenizer);
  }
  return tokens;
}
