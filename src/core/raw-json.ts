// The JSON text a value was parsed from, for values passed on unchanged: re-serialising a stream chunk
// cost as much CPU as parsing it. A WeakMap rather than a property, so a copy made with a spread (a
// changed chunk) never carries the text of the original; a value is only registered when nothing will
// change it in place.
const texts = new WeakMap<object, string>();

/** Notes that `value` was parsed from `text` and may be sent on as that text. */
export function rememberRawJson<T extends object>(value: T, text: string): T {
  texts.set(value, text);
  return value;
}

/** The JSON text `value` was parsed from, when it is still exactly that value; undefined otherwise. */
export function rawJsonOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? texts.get(value) : undefined;
}
