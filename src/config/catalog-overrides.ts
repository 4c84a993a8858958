import type { Config } from './schema.js';

/**
 * The `catalog.models` entries as the catalog reads them: an `id` that names a `models` entry of the same
 * provider (as users often write it) becomes that entry's upstream model id.
 */
export function catalogOverrides(config: Pick<Config, 'catalog' | 'models'>): Config['catalog']['models'] {
  return config.catalog.models.map((entry) => {
    const model = config.models.find((each) => each.name === entry.id && each.provider === entry.provider);
    return model === undefined ? entry : { ...entry, id: model.model };
  });
}
