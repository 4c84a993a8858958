import type { ModelCapabilities } from '../capabilities.js';
import type { CatalogEntry } from './catalog-entry.js';

/** The capability check's view of a catalog entry, so the catalog can replace the family table. */
export function capabilitiesFromCatalog(entry: CatalogEntry): ModelCapabilities {
  return {
    tools: entry.tools,
    images: entry.modalities.includes('image'),
    jsonSchema: entry.jsonSchema,
    jsonObject: !entry.embeddings,
    contextWindow: entry.contextWindow,
    chat: !entry.embeddings,
  };
}
