/** How deeply objects and arrays may nest in a request body; far above any real request, far below a stack overflow. */
export const maxJsonDepth = 128;

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/**
 * The deepest nesting of objects and arrays in a JSON text, capped at `limit + 1`: one pass, no recursion,
 * so it is safe on any input and stops as soon as the limit is passed. Brackets inside strings do not count;
 * malformed text is left for the parser to reject.
 */
export function jsonDepth(text: string, limit = maxJsonDepth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === backslash) index++;
      else if (code === quote) inString = false;
    } else if (code === quote) {
      inString = true;
    } else if (code === openBrace || code === openBracket) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === closeBrace || code === closeBracket) {
      depth--;
    }
  }
  return deepest;
}
