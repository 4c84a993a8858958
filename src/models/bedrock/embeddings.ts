import { StrataError } from '../../core/errors.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../../core/types.js';
import { isJsonObject } from '../openai-shapes.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';

/** A parsed InvokeModel answer: the JSON body and the token count Bedrock reports in a header. */
export interface InvokeResult {
  body: unknown;
  /** From `x-amzn-bedrock-input-token-count`, when present. */
  inputTokens: number | undefined;
}

/** Calls `POST /model/{modelId}/invoke` with a JSON body. */
export type Invoke = (modelId: string, body: Record<string, unknown>) => Promise<InvokeResult>;

/** Titan takes one text per call; this many calls run at once. */
const titanConcurrency = 8;
/** Cohere's embed models take at most this many texts per call. */
const cohereBatchSize = 96;

/**
 * Embeds texts with a Bedrock model: Cohere embed models (`cohere.embed-*`) in batches of 96 as
 * search documents, anything else with Titan's one-text-per-call body. Order is kept either way.
 */
export async function embedWithBedrock(
  request: EmbeddingRequest,
  invoke: Invoke,
  context: UpstreamContext,
): Promise<EmbeddingResponse> {
  const texts = textsOf(request.input);
  const isCohere = /(^|[.:/])cohere\.embed/.test(request.model);
  if (isCohere && request.dimensions !== undefined) {
    throw new StrataError('unsupported_parameter', 'Cohere embed models on Bedrock have fixed dimensions.', {
      param: 'dimensions',
    });
  }
  const results = isCohere
    ? await embedCohere(texts, request.model, invoke, context)
    : await embedTitan(texts, request, invoke, context);
  const promptTokens = results.reduce((sum, result) => sum + result.tokens, 0);
  const vectors = results.flatMap((result) => result.vectors);
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: request.encoding_format === 'base64' ? toBase64(vector) : vector,
    })),
    model: request.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

interface Batch {
  vectors: number[][];
  tokens: number;
}

async function embedTitan(
  texts: string[],
  request: EmbeddingRequest,
  invoke: Invoke,
  context: UpstreamContext,
): Promise<Batch[]> {
  const results: Batch[] = new Array(texts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < texts.length) {
      const index = next++;
      const body: Record<string, unknown> = { inputText: texts[index], normalize: true };
      if (request.dimensions !== undefined) body.dimensions = request.dimensions;
      const { body: parsed, inputTokens } = await invoke(request.model, body);
      if (!isJsonObject(parsed) || !isVector(parsed.embedding)) {
        throw malformedResponseError(context, 'the Titan body has no `embedding` array.');
      }
      const counted = typeof parsed.inputTextTokenCount === 'number' ? parsed.inputTextTokenCount : undefined;
      results[index] = { vectors: [parsed.embedding], tokens: counted ?? inputTokens ?? 0 };
    }
  };
  await Promise.all(Array.from({ length: Math.min(titanConcurrency, texts.length) }, worker));
  return results;
}

async function embedCohere(
  texts: string[],
  model: string,
  invoke: Invoke,
  context: UpstreamContext,
): Promise<Batch[]> {
  const batches: string[][] = [];
  for (let start = 0; start < texts.length; start += cohereBatchSize) {
    batches.push(texts.slice(start, start + cohereBatchSize));
  }
  return Promise.all(
    batches.map(async (batch) => {
      const { body, inputTokens } = await invoke(model, { texts: batch, input_type: 'search_document' });
      const vectors = isJsonObject(body) ? body.embeddings : undefined;
      if (!Array.isArray(vectors) || vectors.length !== batch.length || !vectors.every(isVector)) {
        throw malformedResponseError(context, 'the Cohere body has no `embeddings` list, one per text.');
      }
      return { vectors, tokens: inputTokens ?? 0 };
    }),
  );
}

function textsOf(input: EmbeddingRequest['input']): string[] {
  const texts = typeof input === 'string' ? [input] : input;
  if (texts.length === 0 || !texts.every((text): text is string => typeof text === 'string')) {
    throw new StrataError(
      'unsupported_parameter',
      'Bedrock embeds text only: `input` must be a string or a non-empty array of strings, not tokens.',
      { param: 'input' },
    );
  }
  return texts;
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

/** OpenAI's base64 format: the vector as little-endian float32 bytes. */
function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}
