import { seededUint32 } from '../../core/random.js';

/** A deterministic source of standard-normal numbers: mulberry32 uniforms through Box–Muller. */
export function seededGaussian(seed: number): () => number {
  const next = seededUint32(seed);
  // Offset by half a step, so the logarithm below never sees 0.
  const uniform = () => (next() + 0.5) / 4294967296;
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
