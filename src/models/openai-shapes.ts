import type { ChatChunk, ChatResponse, EmbeddingResponse } from '../core/types.js';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the minimal shape of a chat completion: an object with a `choices` array of objects. */
export function isChatResponse(value: unknown): value is ChatResponse {
  return isJsonObject(value) && hasObjectArray(value, 'choices');
}

/** Checks the minimal shape of a stream chunk: an object with a `choices` array of objects. */
export function isChatChunk(value: unknown): value is ChatChunk {
  return isJsonObject(value) && hasObjectArray(value, 'choices');
}

/** Checks the minimal shape of an embeddings answer: an object with a `data` array of objects. */
export function isEmbeddingResponse(value: unknown): value is EmbeddingResponse {
  return isJsonObject(value) && hasObjectArray(value, 'data');
}

function hasObjectArray(value: JsonObject, key: string): boolean {
  const items = value[key];
  return Array.isArray(items) && items.every(isJsonObject);
}
