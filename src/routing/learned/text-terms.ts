/** Words of a text: lower-cased runs of letters and digits. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word unigrams and adjacent-word bigrams (joined by a space), with repeats, in text order. */
export function terms(text: string): string[] {
  const list = words(text);
  const out: string[] = list.slice();
  for (let index = 1; index < list.length; index++) out.push(`${list[index - 1]} ${list[index]}`);
  return out;
}
