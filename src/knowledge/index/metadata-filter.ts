import type { ChunkTable } from './chunk-table.js';
import type { MetadataValue, SearchOptions } from './types.js';

/** Whether a chunk's metadata satisfies a filter: every key equal to the value, or in the list. */
export function matchesFilter(
  metadata: Record<string, MetadataValue> | undefined,
  filter: NonNullable<SearchOptions['filter']>,
): boolean {
  for (const [key, expected] of Object.entries(filter)) {
    if (metadata === undefined || !Object.hasOwn(metadata, key)) return false;
    const actual = metadata[key];
    if (actual === undefined) return false;
    if (Array.isArray(expected) ? !expected.includes(actual) : actual !== expected) return false;
  }
  return true;
}

/** A per-slot mask (1 = allowed) of the live chunks matching the filter, or undefined for no filter. */
export function filterMask(table: ChunkTable, filter: SearchOptions['filter']): Uint8Array | undefined {
  if (filter === undefined || Object.keys(filter).length === 0) return undefined;
  const mask = new Uint8Array(table.capacity);
  for (let slot = 0; slot < table.capacity; slot++) {
    if (table.isLive(slot) && matchesFilter(table.metadata[slot], filter)) mask[slot] = 1;
  }
  return mask;
}
