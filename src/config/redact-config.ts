/** What a masked secret reads as. */
export const masked = 'REDACTED';

// Names of settings that hold credentials: `api_key`, `key`, `aws_secret_access_key`, `metrics_token`…
const secretName = /(^|_)(key|secret|token|password|authorization)(_|$)|api_key|access_key/i;

/** A URL with its password (and any query, which may carry a token) masked; other text as it is. */
function maskUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  try {
    const url = new URL(text);
    if (url.password) url.password = masked;
    if (url.search) url.search = `?${masked}`;
    return url.toString();
  } catch {
    return text;
  }
}

/**
 * The config as loaded with every secret masked, for the admin API and the dashboard: credential
 * settings, every header value (headers carry tokens), passwords and queries in URLs. Numbers and
 * booleans are never secret, so `tokens_per_minute` stays readable.
 */
export function redactConfig(value: unknown, name = '', inHeaders = false): unknown {
  if (Array.isArray(value)) return value.map((item) => redactConfig(item, name, inHeaders));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        redactConfig(item, key, inHeaders || key === 'headers'),
      ]),
    );
  if (typeof value !== 'string') return value;
  if (inHeaders || secretName.test(name)) return value === '' ? value : masked;
  return maskUrl(value);
}
