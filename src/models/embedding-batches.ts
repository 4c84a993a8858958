import type { EmbeddingRequest, EmbeddingResponse } from '../core/types.js';

/** Batches sent at once while embedding a large input. */
const concurrentBatches = 4;

/** The inputs of a request as a list, or undefined when it is one input (a string or one token array). */
function inputList(input: EmbeddingRequest['input']): Array<string | number[]> | undefined {
  if (typeof input === 'string') return undefined;
  if (input.length === 0 || typeof input[0] === 'number') return undefined;
  return input as Array<string | number[]>;
}

/**
 * Embeds a request whose inputs may exceed what the provider takes per call: splits them into batches of
 * at most `batchSize`, sends a few at a time, and merges the answers in input order with summed usage.
 */
export async function embedInBatches(
  request: EmbeddingRequest,
  batchSize: number,
  embed: (request: EmbeddingRequest) => Promise<EmbeddingResponse>,
): Promise<EmbeddingResponse> {
  const inputs = inputList(request.input);
  if (!inputs || inputs.length <= batchSize) return embed(request);
  const batches: Array<Array<string | number[]>> = [];
  for (let start = 0; start < inputs.length; start += batchSize)
    batches.push(inputs.slice(start, start + batchSize));
  const answers: EmbeddingResponse[] = new Array(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const index = next++;
      answers[index] = await embed({ ...request, input: batches[index] as string[] | number[][] });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrentBatches, batches.length) }, worker));
  const first = answers[0] as EmbeddingResponse;
  let offset = 0;
  const data: EmbeddingResponse['data'] = [];
  const usage = { prompt_tokens: 0, total_tokens: 0 };
  answers.forEach((answer, batch) => {
    for (const item of answer.data) data.push({ ...item, index: item.index + offset });
    offset += (batches[batch] as unknown[]).length;
    usage.prompt_tokens += answer.usage.prompt_tokens;
    usage.total_tokens += answer.usage.total_tokens;
  });
  return { object: 'list', data, model: first.model, usage };
}
