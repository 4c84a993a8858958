/** Response headers as undici reports them. */
export type UpstreamHeaders = Record<string, string | string[] | undefined>;

/** Milliseconds to wait before retrying, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: UpstreamHeaders, now: number = Date.now()): number | undefined {
  const precise = firstHeader(headers['retry-after-ms'])?.trim();
  if (precise !== undefined && precise !== '') {
    const milliseconds = Number(precise);
    if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.round(milliseconds);
  }
  const value = firstHeader(headers['retry-after'])?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
