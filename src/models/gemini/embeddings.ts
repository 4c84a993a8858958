import { StrataError } from '../../core/errors.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../../core/types.js';
import { isJsonObject } from '../openai-shapes.js';

/** Gemini's limit on requests in one `batchEmbedContents` call. */
export const embeddingBatchSize = 100;

/** The body of one `models/{model}:batchEmbedContents` call. */
export interface GeminiEmbeddingBatch {
  requests: Array<{
    model: string;
    content: { parts: Array<{ text: string }> };
    outputDimensionality?: number;
  }>;
}

/** Splits an embeddings request into batch bodies of at most 100 texts each, in input order. */
export function toEmbeddingBatches(request: EmbeddingRequest, model: string): GeminiEmbeddingBatch[] {
  const texts = inputTexts(request.input);
  const batches: GeminiEmbeddingBatch[] = [];
  for (let start = 0; start < texts.length; start += embeddingBatchSize) {
    batches.push({
      requests: texts.slice(start, start + embeddingBatchSize).map((text) => ({
        model: `models/${model}`,
        content: { parts: [{ text }] },
        ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
      })),
    });
  }
  return batches;
}

/** Reads the vectors out of a `batchEmbedContents` answer, or undefined when it has none. */
export function readEmbeddingValues(body: unknown): number[][] | undefined {
  if (!isJsonObject(body) || !Array.isArray(body.embeddings)) return undefined;
  const vectors: number[][] = [];
  for (const embedding of body.embeddings) {
    if (!isJsonObject(embedding) || !Array.isArray(embedding.values)) return undefined;
    if (!embedding.values.every((value) => typeof value === 'number')) return undefined;
    vectors.push(embedding.values);
  }
  return vectors;
}

/**
 * Builds the OpenAI embeddings answer. `batchEmbedContents` reports no token counts, so usage is an
 * estimate of one token per four characters of input, the rule of thumb Google documents for Gemini.
 */
export function toEmbeddingResponse(
  request: EmbeddingRequest,
  model: string,
  vectors: readonly number[][],
): EmbeddingResponse {
  const characters = inputTexts(request.input).reduce((sum, text) => sum + text.length, 0);
  const tokens = Math.ceil(characters / 4);
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: request.encoding_format === 'base64' ? toBase64(vector) : vector,
    })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** Float32 little-endian bytes, base64-encoded, as OpenAI's `encoding_format: base64` returns them. */
function toBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [index, value] of vector.entries()) bytes.writeFloatLE(value, index * 4);
  return bytes.toString('base64');
}

function inputTexts(input: EmbeddingRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  const texts = input.filter((item): item is string => typeof item === 'string');
  if (texts.length !== input.length || texts.length === 0) {
    throw new StrataError(
      'invalid_request',
      'Gemini embeds text only; `input` must be a string or strings.',
      {
        param: 'input',
      },
    );
  }
  return texts;
}
