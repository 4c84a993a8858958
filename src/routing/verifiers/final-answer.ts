/**
 * The final answer of a model's text, so two differently worded answers can be compared: the last
 * `\boxed{…}`, else what follows "the answer is" / "final answer:" / "answer:", else a leading
 * multiple-choice letter ("B", "(B)", "B) Jupiter"), else the last non-empty line.
 */
export function extractFinalAnswer(text: string): string {
  const boxed = lastBoxed(text);
  if (boxed !== undefined) return boxed;
  const stated = [...text.matchAll(/\b(?:final\s+)?answer\b(?:\s+is\b)?\s*[:=]?\s*([^\n]+)/gi)].at(-1)?.[1];
  if (stated !== undefined && stated.trim() !== '') return choiceLetter(stated) ?? stated.trim();
  const letter = choiceLetter(text);
  if (letter !== undefined) return letter;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.at(-1)?.trim() ?? '';
}

/** The answer reduced for comparison: lower case, no punctuation, numbers in one form, single spaces. */
export function normaliseAnswer(text: string): string {
  return (
    extractFinalAnswer(text)
      .toLowerCase()
      .replace(/(\d),(?=\d{3}\b)/g, '$1')
      .replace(/-?\d+(?:\.\d+)?/g, (number) => String(Number(number)))
      .replace(/[^\p{L}\p{N}.\s-]|(?<!\d)\.|\.(?!\d)/gu, ' ')
      // Articles go only before another word, so a lone choice letter "A" survives.
      .replace(/\b(?:the|a|an)\s+(?=\S)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * True when two answers are the same after normalisation, or when one is a bare number and it is the
 * last number the other states (as in "I get 3.5").
 */
export function answersAgree(left: string, right: string): boolean {
  const a = normaliseAnswer(left);
  const b = normaliseAnswer(right);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  if (bareNumber.test(a)) return lastNumber(b) === a;
  if (bareNumber.test(b)) return lastNumber(a) === b;
  return false;
}

const bareNumber = /^-?\d+(?:\.\d+)?$/;

function lastNumber(text: string): string | undefined {
  return text.match(/-?\d+(?:\.\d+)?/g)?.at(-1);
}

/** A leading option letter: "(b)", "B)", "B." or a capital letter alone on its line. */
function choiceLetter(text: string): string | undefined {
  const match = /^\s*(?:[([]?([A-Ja-j])[)\]]|([A-J])(?:[.:]|[ \t]*(?:\n|$)))/.exec(text);
  return (match?.[1] ?? match?.[2])?.toUpperCase();
}

function lastBoxed(text: string): string | undefined {
  const start = text.lastIndexOf('\\boxed{');
  if (start < 0) return undefined;
  let depth = 0;
  for (let index = start + '\\boxed'.length; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return text.slice(start + '\\boxed{'.length, index);
  }
  return undefined;
}
