import type { MetadataValue } from './types.js';

/**
 * Chunk ids and their slots. A slot is a dense integer the postings and vectors are keyed by; a removed
 * chunk's slot is reused. `order` is the insertion sequence number that breaks score ties, so an updated
 * chunk keeps its place and a fresh build in the same order ranks identically.
 */
export class ChunkTable {
  readonly slotOf = new Map<string, number>();
  ids: Array<string | undefined> = [];
  order: number[] = [];
  metadata: Array<Record<string, MetadataValue> | undefined> = [];
  private free: number[] = [];
  nextOrder = 0;

  get size(): number {
    return this.slotOf.size;
  }

  /** Slots in use plus free ones: the length arrays keyed by slot must cover. */
  get capacity(): number {
    return this.ids.length;
  }

  /** The slot of `id`, allocating one (with the next order number) for a new id. */
  acquire(id: string): { slot: number; existed: boolean } {
    const existing = this.slotOf.get(id);
    if (existing !== undefined) return { slot: existing, existed: true };
    const slot = this.free.pop() ?? this.ids.length;
    this.ids[slot] = id;
    this.order[slot] = this.nextOrder++;
    this.slotOf.set(id, slot);
    return { slot, existed: false };
  }

  release(id: string): number | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.metadata[slot] = undefined;
    this.free.push(slot);
    return slot;
  }

  isLive(slot: number): boolean {
    return this.ids[slot] !== undefined;
  }

  /** Plain arrays for a snapshot. */
  toJSON(): {
    ids: Array<string | null>;
    order: number[];
    metadata: Array<Record<string, MetadataValue> | null>;
    nextOrder: number;
  } {
    return {
      ids: this.ids.map((id) => id ?? null),
      order: this.order,
      metadata: this.metadata.map((entry) => entry ?? null),
      nextOrder: this.nextOrder,
    };
  }

  /** The table a snapshot's `toJSON` came from. */
  static fromJSON(data: ReturnType<ChunkTable['toJSON']>): ChunkTable {
    const table = new ChunkTable();
    table.ids = data.ids.map((id) => id ?? undefined);
    table.order = data.order;
    table.metadata = data.metadata.map((entry) => entry ?? undefined);
    table.nextOrder = data.nextOrder;
    table.ids.forEach((id, slot) => {
      if (id === undefined) table.free.push(slot);
      else table.slotOf.set(id, slot);
    });
    table.free.reverse();
    return table;
  }
}
