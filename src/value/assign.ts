import type { ExperimentConfig, VariantConfig } from '../config/value.js';

/** Where one unit of an experiment goes: a variant, or the holdout (the original path). */
export interface Arm {
  name: string;
  /** Undefined for the holdout, which leaves the call as it was. */
  variant: VariantConfig | undefined;
}

/** The name the holdout arm is recorded under. */
export const holdoutArm = 'holdout';

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser so similar ids spread evenly. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * The arm of a unit (end user, key or session): a pure function of the experiment id and the unit, so
 * every replica, and every later call of the same unit, lands on the same arm for the experiment's life.
 */
export function assignArm(
  experiment: Pick<ExperimentConfig, 'id' | 'variants' | 'holdout'>,
  unit: string,
): Arm {
  const position = hash32(`${experiment.id}\u0000${unit}`) / 4_294_967_296;
  if (position < experiment.holdout) return { name: holdoutArm, variant: undefined };
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  let point = ((position - experiment.holdout) / (1 - experiment.holdout)) * total;
  for (const variant of experiment.variants) {
    point -= variant.weight;
    if (point < 0) return { name: variant.name, variant };
  }
  const last = experiment.variants.at(-1);
  return { name: last?.name ?? holdoutArm, variant: last };
}
