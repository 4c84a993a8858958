import type { Provider } from './provider.js';

/** A model name clients may send, bound to a provider and the upstream model id. */
export interface ModelEntry {
  name: string;
  provider: string;
  model: string;
  description?: string | undefined;
}

/** The result of resolving a requested model name. */
export interface ResolvedModel {
  /** The name the client asked for, after aliases. */
  name: string;
  provider: Provider;
  upstreamModel: string;
}

/** Bare model names that unambiguously belong to one provider family, tried when no entry matches. */
const familyPrefixes: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(gpt-|o\d|chatgpt-|text-embedding-|omni-moderation)/, 'openai'],
  [/^claude-/, 'anthropic'],
  [/^(gemini-|text-embedding-00|gemini-embedding)/, 'gemini'],
  [/^(mistral-|codestral|ministral|pixtral|magistral|open-mistral)/, 'mistral'],
  [/^grok-/, 'xai'],
  [/^deepseek-/, 'deepseek'],
  [/^sonar/, 'perplexity'],
];

/** How many resolved names the registry keeps. */
const maxRemembered = 4096;

/** Resolves requested model names: aliases, configured entries, `provider/model`, then well-known families. */
export interface ModelRegistry {
  resolve(requested: string): ResolvedModel | undefined;
  /** Every name a client can send that Strata knows without asking a provider. */
  list(): ModelEntry[];
}

/** Builds the registry from provider instances, configured models and aliases. */
export function createModelRegistry(input: {
  providers: ReadonlyMap<string, Provider>;
  models: readonly ModelEntry[];
  aliases: Readonly<Record<string, string>>;
}): ModelRegistry {
  const byName = new Map(input.models.map((entry) => [entry.name, entry]));

  function resolveName(requested: string): ResolvedModel | undefined {
    const entry = byName.get(requested);
    if (entry) {
      const provider = input.providers.get(entry.provider);
      return provider && { name: requested, provider, upstreamModel: entry.model };
    }
    const slash = requested.indexOf('/');
    if (slash > 0) {
      const provider = input.providers.get(requested.slice(0, slash));
      if (provider) return { name: requested, provider, upstreamModel: requested.slice(slash + 1) };
    }
    for (const [pattern, providerId] of familyPrefixes) {
      const provider = input.providers.get(providerId);
      if (provider && pattern.test(requested)) return { name: requested, provider, upstreamModel: requested };
    }
    return undefined;
  }

  // Several pipeline stages resolve the same name on every call; the answer only changes with config,
  // so it is kept. Bounded, since clients choose the names: a full memo starts over.
  const resolvedNames = new Map<string, ResolvedModel | undefined>();

  return {
    resolve(requested) {
      if (resolvedNames.has(requested)) return resolvedNames.get(requested);
      let name = requested;
      // Aliases may point at aliases; the bound stops a cycle in config from looping.
      for (let depth = 0; depth < 8 && input.aliases[name] !== undefined; depth++)
        name = input.aliases[name] as string;
      const found = resolveName(name);
      const resolved = found && { ...found, name: requested };
      if (resolvedNames.size >= maxRemembered) resolvedNames.clear();
      resolvedNames.set(requested, resolved);
      return resolved;
    },
    list() {
      const aliases = Object.entries(input.aliases).flatMap(([alias, target]) => {
        const resolved = resolveName(target);
        return resolved
          ? [{ name: alias, provider: resolved.provider.id, model: resolved.upstreamModel }]
          : [];
      });
      return [...input.models.filter((entry) => input.providers.has(entry.provider)), ...aliases];
    },
  };
}
