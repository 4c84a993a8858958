/**
 * Exact money arithmetic for the cost engine. A price in USD per million tokens is held as an integer
 * number of picodollars (1e-12 USD) per token, and sums are BigInt picodollars, so no addition drifts.
 */

const picoPerNano = 1_000n;

/** Picodollars per token for a price in USD per million tokens (prices finer than 1e-6 USD/M round). */
export function picoPerToken(usdPerMillion: number): bigint {
  if (!Number.isFinite(usdPerMillion) || usdPerMillion < 0) {
    throw new RangeError(`a price must be a finite, non-negative number, got ${usdPerMillion}`);
  }
  // USD per million tokens equals microdollars per token; times 1e6 gives picodollars per token.
  return BigInt(Math.round(usdPerMillion * 1_000_000));
}

/** The picodollar cost of `tokens` tokens at a per-token picodollar price; a bad count bills nothing. */
export function picoCost(tokens: number, pricePico: bigint): bigint {
  const whole = Number.isFinite(tokens) && tokens > 0 ? Math.floor(tokens) : 0;
  return BigInt(whole) * pricePico;
}

/** Picodollars as USD rounded half-up to the nearest nanodollar (1e-9 USD). */
export function picoToUsd(pico: bigint): number {
  const nano = (pico + picoPerNano / 2n) / picoPerNano;
  // Below 2^53 nanodollars (about nine million USD) the integer converts exactly, and one division is
  // correctly rounded, so the result is the same double as the decimal literal a person would write.
  return Number(nano) / 1e9;
}
