import { StrataError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ChatChunk, ChatRequest } from '../../core/types.js';
import type { Provider, ProviderDeps } from '../provider.js';
import { loadOutcomes, type OutcomeIndex } from './outcomes.js';
import {
  estimateUsage,
  messageText,
  type ReplayAnswer,
  toChatChunks,
  toChatResponse,
} from './replay-answer.js';

/** What a replay provider needs: its instance name and the routing-outcomes JSONL it serves. */
export interface ReplayProviderOptions {
  id: string;
  /** Path of the outcomes file, read on the first call. */
  dataPath: string;
}

/** I/O a replay provider takes by injection. */
export interface ReplayProviderDeps extends ProviderDeps {
  /** The clock, in milliseconds since the epoch; `created` timestamps come from it. */
  now?: () => number;
}

/** The request metadata key that names the recorded query to replay, overriding the prompt lookup. */
export const replayQueryIdKey = 'replay_query_id';

/** How many model names an unknown-model error lists. */
const knownModelsShown = 5;

/**
 * A provider that answers from recorded outcomes of real models: the upstream model is a model name in
 * the dataset, the prompt is the last user message, and the answer is what that model said at the time.
 */
export function createReplayProvider(
  options: ReplayProviderOptions,
  deps: ReplayProviderDeps = {},
): Provider {
  const now = deps.now ?? Date.now;
  let loading: Promise<OutcomeIndex> | undefined;

  // Loaded on first use, once: concurrent first calls share one read, and a failed read is retried next time.
  function outcomes(): Promise<OutcomeIndex> {
    loading ??= loadOutcomes(options.dataPath).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  async function answer(request: ChatRequest): Promise<ReplayAnswer> {
    const index = await outcomes();
    if (!index.models.includes(request.model)) throw unknownModel(request.model, index);
    const lastUser = request.messages.findLast((message) => message.role === 'user');
    if (lastUser === undefined) {
      throw new StrataError('invalid_request', 'The replay provider needs a user message to look up.', {
        param: 'messages',
      });
    }
    // A recorded prompt can repeat across splits with other outcomes; a query id picks the exact line.
    const id = request.metadata?.[replayQueryIdKey];
    const query = id === undefined ? index.find(messageText(lastUser)) : index.findById(id);
    if (query === undefined) {
      throw new StrataError('not_found', `There is no recorded outcome for this prompt in ${index.file}.`, {
        param: 'messages',
      });
    }
    const outcome = query.outcomes.get(request.model);
    const content = outcome?.response ?? '';
    return {
      id: newId('chatcmpl'),
      created: Math.floor(now() / 1000),
      model: request.model,
      content,
      usage: estimateUsage(request.messages, content),
      receipt: {
        query_id: query.id,
        cost_usd: outcome?.costUsd ?? null,
        score: outcome?.score ?? null,
        cost_kind: query.costKind,
        response_recorded: outcome?.response !== undefined,
      },
    };
  }

  return {
    id: options.id,
    kind: 'replay',
    capabilities: { embeddings: false, unsupportedParameters: [] },
    async chat(request) {
      return toChatResponse(await answer(request));
    },
    async stream(request) {
      // Answered before the stream opens, so an unknown model or prompt rejects here rather than mid-stream.
      const chunks = toChatChunks(await answer(request));
      return (async function* (): AsyncGenerator<ChatChunk> {
        yield* chunks;
      })();
    },
    async embed() {
      throw new StrataError(
        'unsupported_parameter',
        `The provider \`${options.id}\` does not offer embeddings.`,
        {
          param: 'model',
        },
      );
    },
  };
}

function unknownModel(model: string, index: OutcomeIndex): StrataError {
  const shown = index.models.slice(0, knownModelsShown).join(', ');
  const more =
    index.models.length > knownModelsShown ? ` and ${index.models.length - knownModelsShown} more` : '';
  return new StrataError(
    'model_not_found',
    `The replay data ${index.file} has no model \`${model}\`; it has ${shown || 'none'}${more}.`,
    { param: 'model' },
  );
}
