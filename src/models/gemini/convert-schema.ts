import type { Json } from '../../core/types.js';
import type { GeminiSchema } from './gemini-types.js';

// Keywords of Gemini's OpenAPI schema subset; everything else (`additionalProperties`, `$schema`,
// `strict`, `$ref`, `not`, …) is rejected by the API, so it is dropped.
const keptKeywords = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'items',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'propertyOrdering',
  'minProperties',
  'maxProperties',
  'anyOf',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'default',
  'example',
]);

/** Turns a JSON Schema into the OpenAPI subset Gemini accepts for tool parameters and response schemas. */
export function toGeminiSchema(schema: Json): GeminiSchema {
  if (!isObject(schema)) return {};
  const result: GeminiSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'const') result.enum = convertKeyword('enum', [value]);
    else if (key === 'oneOf' && Array.isArray(value)) result.anyOf = value.map(toGeminiSchema);
    else if (keptKeywords.has(key)) result[key] = convertKeyword(key, value);
  }
  // JSON Schema spells "may be null" as a type list; OpenAPI as one type plus `nullable`.
  if (Array.isArray(result.type)) {
    const types = result.type.filter((type) => type !== 'null');
    if (types.length < result.type.length) result.nullable = true;
    if (types.length === 1 && types[0] !== undefined) result.type = types[0];
    else {
      delete result.type;
      result.anyOf = types.map((type) => ({ type }));
    }
  }
  // Gemini only allows `enum` on strings.
  if (result.enum !== undefined) result.type = 'string';
  return result;
}

/** True when a tool's parameter schema declares nothing, which Gemini rejects rather than ignores. */
export function isEmptyObjectSchema(schema: GeminiSchema): boolean {
  const properties = schema.properties;
  return schema.type === 'object' && (!isObject(properties) || Object.keys(properties).length === 0);
}

function convertKeyword(key: string, value: Json): Json {
  if (key === 'properties' && isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, property]) => [name, toGeminiSchema(property)]),
    );
  }
  if (key === 'items') return toGeminiSchema(value);
  if (key === 'anyOf' && Array.isArray(value)) return value.map(toGeminiSchema);
  if (key === 'enum' && Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  return value;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
