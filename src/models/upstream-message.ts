const maxMessageLength = 500;

/** Pulls the human message out of an OpenAI-style, FastAPI-style or plain-text error body, flattened and truncated. */
export function upstreamMessage(bodyText: string): string {
  const text = bodyText.trim();
  if (text === '') return '';
  let message: unknown = text;
  try {
    message = pickMessage(JSON.parse(text)) ?? text;
  } catch {
    // Not JSON: the plain text is the message.
  }
  const flat = (typeof message === 'string' ? message : JSON.stringify(message)).replace(/\s+/g, ' ').trim();
  return flat.length > maxMessageLength ? `${flat.slice(0, maxMessageLength)}…` : flat;
}

/** Blanks out every occurrence of each secret, for upstream text that echoes a credential back. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  return secrets.reduce(
    (result, secret) => (secret === '' ? result : result.replaceAll(secret, '[redacted]')),
    text,
  );
}

function pickMessage(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields: Record<string, unknown> = { ...body };
  const error = fields.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && 'message' in error) return error.message;
  return fields.message ?? fields.detail;
}
