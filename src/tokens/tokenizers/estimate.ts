/**
 * The fallback count for models whose tokenizer Strata does not ship (Claude, Gemini, Mistral, …).
 *
 * Heuristic: modern BPE vocabularies average about four characters of English or code per token, so
 * ASCII, accented Latin, Greek and Cyrillic count 1/4 token per character. CJK ideographs, kana and
 * hangul rarely merge and count one token per character. Every other code point (Arabic, Indic
 * scripts, emoji, symbols) counts 1/2. The sum is rounded up. Measured against o200k_base it runs
 * high rather than low (English prose about +20%, code about +5%, CJK +20–45%), which suits budget
 * checks. Short, symbol-dense code can run about 10% low; the tests hold it
 * between 0.8x and 1.6x of o200k_base. An estimate, never a billing figure.
 */

const asciiWeight = 0.25;
const cjkWeight = 1;
const otherWeight = 0.5;

function isCjk(codePoint: number): boolean {
  return (
    (codePoint >= 0x3000 && codePoint <= 0x30ff) || // CJK punctuation, hiragana, katakana
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) || // ideographs extension A
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) || // unified ideographs
    (codePoint >= 0xac00 && codePoint <= 0xd7af) || // hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // compatibility ideographs
    (codePoint >= 0xff00 && codePoint <= 0xffef) || // full-width forms
    (codePoint >= 0x20000 && codePoint <= 0x2ffff) // supplementary ideographs
  );
}

/** Estimates a text's token count from its characters, weighting CJK and other non-ASCII higher. */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let cjk = 0;
  let other = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Latin-1, extended Latin, Greek and Cyrillic letters merge like ASCII ones in large vocabularies.
    if (code < 0x530) {
      ascii++;
      continue;
    }
    const codePoint = text.codePointAt(index) ?? code;
    // A surrogate pair is one code point: skip its low half.
    if (codePoint > 0xffff) index++;
    if (isCjk(codePoint)) cjk++;
    else other++;
  }
  return Math.ceil(ascii * asciiWeight + cjk * cjkWeight + other * otherWeight);
}
