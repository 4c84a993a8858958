/**
 * OpenAI's published rule for the prompt tokens of an image (GPT-4o, GPT-4.1 and the o-series vision
 * models): `detail: low` costs a flat 85 tokens; `high` (and `auto`, counted as high) scales the image
 * to fit 2048×2048, then its short side down to 768px, and costs 85 + 170 per 512px tile. Models with
 * their own multipliers (gpt-4o-mini, the 32px-patch models) are not modelled.
 */

const baseTokens = 85;
const tileTokens = 170;

/** Pixel size of an image, when Strata can read it. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Prompt tokens of one image at a detail level; without a size, high detail cannot be known. */
export function imageTokens(detail: 'auto' | 'low' | 'high', size: ImageSize | undefined): number {
  if (detail === 'low' || size === undefined) return baseTokens;
  let { width, height } = size;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shorten = Math.min(1, 768 / Math.min(width, height));
  width *= shorten;
  height *= shorten;
  return baseTokens + tileTokens * Math.ceil(width / 512) * Math.ceil(height / 512);
}

/** Reads the size of a base64 PNG data URL from its header; other URLs and formats give undefined. */
export function imageSizeFromUrl(url: string): ImageSize | undefined {
  const prefix = 'data:image/png;base64,';
  if (!url.startsWith(prefix)) return undefined;
  // Signature (8 bytes), IHDR length and type (8), then width and height as big-endian uint32.
  const header = Buffer.from(url.slice(prefix.length, prefix.length + 32), 'base64');
  if (header.length < 24 || header.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const width = header.readUInt32BE(16);
  const height = header.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
