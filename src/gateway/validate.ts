import type { z } from 'zod';
import { StrataError } from '../core/errors.js';

/** Formats an issue path the way OpenAI names params: `messages[0].content`. */
function paramOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${String(part)}` : String(part);
  }, '');
}

/** Validates a request body against a schema, or throws a 400 that names the first bad field. */
export function validate<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new StrataError('invalid_request', 'The request body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new StrataError('invalid_request', 'The request body is invalid.');
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const param = paramOf(keys[0] === undefined ? issue.path : [...issue.path, keys[0]]);
  const message =
    issue.code === 'unrecognized_keys'
      ? `Unrecognized request argument supplied: ${keys.join(', ')}`
      : `Invalid value for '${param || 'body'}': ${issue.message}`;
  throw new StrataError('invalid_request', message, { param: param || null });
}
