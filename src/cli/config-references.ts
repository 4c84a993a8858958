import type { Config } from '../config/schema.js';
import type { CatalogProvider } from '../models/catalog/catalog.js';

/** What exists for config to refer to: keys by name and id, servable model names, configured providers. */
export interface KnownNames {
  /** Whether a key with this name or id exists (config keys, API keys, `master`). */
  key(nameOrId: string): boolean;
  /** Whether a client can send this model name (a route, alias, `models` entry or provider's model). */
  model(name: string): boolean;
  providers: readonly CatalogProvider[];
}

/** Config keys as budgets, limits and route conditions may name them: by name, by id, and the master key. */
export function configKeyNames(config: Pick<Config, 'keys'>): Set<string> {
  return new Set(['master', ...config.keys.flatMap((key) => [key.name, `config:${key.name}`])]);
}

/** Every route condition `when.key` below `value`, with its path. */
function routeKeyConditions(value: unknown, path: string): Array<{ path: string; keys: string[] }> {
  if (Array.isArray(value))
    return value.flatMap((item, index) => routeKeyConditions(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([field, item]) => {
    const here = `${path}.${field}`;
    if (
      field === 'when' &&
      typeof item === 'object' &&
      item !== null &&
      'key' in item &&
      Array.isArray(item.key)
    )
      return [{ path: `${here}.key`, keys: item.key as string[] }, ...routeKeyConditions(item, here)];
    return routeKeyConditions(item, here);
  });
}

/** The key names and ids config refers to, with where; for deciding whether the store must be asked. */
export function keyReferences(config: Config): Array<{ path: string; key: string }> {
  const fromRules = [
    ...config.budgets.map((rule, index) => ({ rule, path: `budgets[${index}].match` })),
    ...config.limits.rate_limits.map((rule, index) => ({ rule, path: `limits.rate_limits[${index}].match` })),
  ].flatMap(({ rule, path }) =>
    rule.scope === 'key' && rule.match !== undefined ? [{ path, key: rule.match }] : [],
  );
  const fromRoutes = routeKeyConditions(config.routes, 'routes').flatMap(({ path, keys }) =>
    keys.map((key, index) => ({ path: `${path}[${index}]`, key })),
  );
  return [...fromRules, ...fromRoutes];
}

/**
 * What config names that matches nothing that exists, one issue per place with its path: budgets, rate
 * limits and route conditions naming unknown keys, model-scoped rules, fallbacks and aliases naming
 * models nothing serves, catalog entries for providers that are not configured.
 */
export function danglingReferences(config: Config, known: KnownNames): string[] {
  const issues: string[] = [];
  for (const { path, key } of keyReferences(config))
    if (!known.key(key))
      issues.push(
        `${path}: no key is named \`${key}\` or has that id; it matches no call (strata keys list)`,
      );
  const unknownModel = (path: string, model: string) => {
    if (!known.model(model))
      issues.push(`${path}: \`${model}\` is not a model any configured provider, alias or route serves`);
  };
  config.budgets.forEach((rule, index) => {
    if (rule.scope === 'model' && rule.match !== undefined)
      unknownModel(`budgets[${index}].match`, rule.match);
  });
  config.limits.rate_limits.forEach((rule, index) => {
    if (rule.scope === 'model' && rule.match !== undefined)
      unknownModel(`limits.rate_limits[${index}].match`, rule.match);
  });
  for (const [model, fallbacks] of Object.entries(config.limits.context_window.fallbacks)) {
    unknownModel(`limits.context_window.fallbacks.${model}`, model);
    fallbacks.forEach((fallback, index) => {
      unknownModel(`limits.context_window.fallbacks.${model}[${index}]`, fallback);
    });
  }
  for (const [alias, target] of Object.entries(config.aliases)) unknownModel(`aliases.${alias}`, target);
  const names = known.providers.map((provider) => `${provider.id} (${provider.kind})`).join(', ') || 'none';
  config.catalog.models.forEach((entry, index) => {
    const applies = known.providers.some(
      (provider) => provider.id === entry.provider || provider.kind === entry.provider,
    );
    if (!applies)
      issues.push(
        `catalog.models[${index}].provider: \`${entry.provider}\` is neither a configured provider nor the kind of one (configured: ${names})`,
      );
  });
  return issues;
}
