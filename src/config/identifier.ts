import { z } from 'zod';

/** Whether a text holds a C0 control character or DEL; PostgreSQL refuses NUL in text outright. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A name or id the store keeps or looks up: 1 to `maxLength` characters, no control characters. */
export function identifier(maxLength = 256) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .refine((value) => !hasControlCharacter(value), 'control characters (such as NUL) are not allowed');
}

/** Free text the store keeps (descriptions, titles): bounded, and without NUL, which PostgreSQL refuses. */
export function storedText(maxLength = 10_000) {
  return z
    .string()
    .max(maxLength)
    .refine((value) => !value.includes('\u0000'), 'NUL characters are not allowed');
}
