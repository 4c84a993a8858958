import { StrataError } from '../../core/errors.js';
import { renderTemplate, templateVariables } from '../../core/render-template.js';
import type { ChatMessage, ChatRequest } from '../../core/types.js';
import type { PromptSelector, PromptVersionRecord } from '../../store/prompts-repository.js';
import type { ChatCall, ChatOutcome, Stage } from '../call.js';

/** Finds a prompt version by name and label or version (the latest when neither is given). */
export type ResolvePromptVersion = (
  name: string,
  selector: PromptSelector,
) => Promise<PromptVersionRecord | undefined>;

/** A request's `prompt` field: which managed prompt to use and the values of its variables. */
interface PromptReference {
  name: string;
  label?: string;
  version?: number;
  variables?: Record<string, unknown>;
}

/** How long a resolved label is trusted before it is read again, so moving a label takes effect quickly. */
const resolvedTtlMs = 5_000;

/**
 * Serves `prompt: {name, label|version, variables}`: the stored template's messages, variables filled,
 * come before the request's own messages, its settings fill the parameters the request left unset, and
 * the call records the version it used (request log `prompt`, trace `strata.prompt.*`). A call without
 * `prompt` passes through at the cost of one property read.
 */
export function promptChat(resolve: ResolvePromptVersion): Stage<ChatCall, ChatOutcome> {
  const cache = new Map<string, { version: PromptVersionRecord; expires: number }>();
  async function lookup(reference: PromptReference): Promise<PromptVersionRecord> {
    const key = `${reference.name}\u0000${reference.label ?? ''}\u0000${reference.version ?? ''}`;
    const cached = cache.get(key);
    if (cached && cached.expires > Date.now()) return cached.version;
    const version = await resolve(reference.name, { label: reference.label, version: reference.version });
    if (!version) {
      const which =
        reference.version !== undefined
          ? `version ${reference.version}`
          : `label ${reference.label ?? 'latest'}`;
      throw new StrataError('not_found', `There is no prompt \`${reference.name}\` (${which}).`, {
        param: 'prompt',
      });
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, { version, expires: Date.now() + resolvedTtlMs });
    return version;
  }
  return async (call, next) => {
    const reference = call.request.prompt;
    if (reference === undefined) return next();
    if (!isReference(reference))
      throw new StrataError('invalid_request', '`prompt` must be {name, label?, version?, variables?}.', {
        param: 'prompt',
      });
    const version = await lookup(reference);
    const variables = reference.variables ?? {};
    const missing = version.messages
      .flatMap((message) => templateVariables(message.content))
      .filter((name) => !(name in variables));
    if (missing.length > 0) {
      throw new StrataError(
        'invalid_request',
        `Prompt \`${version.name}\` version ${version.version} needs the variable(s) ${[...new Set(missing)].join(', ')}.`,
        { param: 'prompt.variables' },
      );
    }
    const { prompt: _reference, ...request } = call.request;
    const { model: _model, ...settings } = version.settings;
    const rendered: ChatMessage[] = version.messages.map((message) => ({
      role: message.role as ChatMessage['role'],
      content: renderTemplate(message.content, variables),
    }));
    call.request = { ...settings, ...request, messages: [...rendered, ...request.messages] } as ChatRequest;
    call.prompt = { name: version.name, version: version.version };
    return next();
  };
}

function isReference(value: unknown): value is PromptReference {
  if (typeof value !== 'object' || value === null) return false;
  const reference = value as Record<string, unknown>;
  return (
    typeof reference.name === 'string' &&
    (reference.label === undefined || typeof reference.label === 'string') &&
    (reference.version === undefined || typeof reference.version === 'number') &&
    (reference.variables === undefined ||
      (typeof reference.variables === 'object' && reference.variables !== null))
  );
}
