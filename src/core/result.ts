/** An expected outcome as a value: success with a value, or failure with the issues found. */
export type Result<T, I = string> = { ok: true; value: T } | { ok: false; issues: I[] };
