/**
 * Short answer spans inside a sentence: numbers, dates, names and noun-phrase-like chunks, each a
 * character range of the passage, chosen by the kind of answer the question asks for.
 */
import type { AnswerType } from './question-analysis.js';
import type { Term } from './terms.js';

/** A possible short answer: a character range of the passage and how it was found. */
export interface Candidate {
  start: number;
  end: number;
  /** `initial` is a lone capitalised word opening the sentence, a weaker name. */
  kind: 'number' | 'date' | 'name' | 'initial' | 'phrase';
  /** Indices into the sentence's terms of the first and last word inside the span. */
  firstTerm: number;
  lastTerm: number;
}

const numberWords =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|dozens|hundreds|thousands|millions';
const scale = '(?:\\s?(?:%|percent|per cent))?(?:\\s(?:million|billion|trillion|thousand|hundred))?';
const unit =
  '(?:\\s(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|km|kilometres?|kilometers?|miles?|feet|foot|metres?|meters?|kg|kilograms?|pounds|tons?|tonnes?|acres|people|times|degrees|votes|members|students|species))?';
const numberPattern = new RegExp(
  `(?:(?:about|over|under|nearly|almost|around|approximately|more than|less than|at least)\\s)?(?:[$£€¥]\\s?)?(?:\\d(?:[\\d,.]*\\d)?|(?:${numberWords})(?:[\\s-](?:${numberWords}))*)${scale}${unit}\\b`,
  'gi',
);
const month =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const datePattern = new RegExp(
  [
    `${month}\\s\\d{1,2}(?:st|nd|rd|th)?(?:,\\s\\d{3,4})?`,
    `\\d{1,2}(?:st|nd|rd|th)?\\s${month}(?:\\s\\d{3,4})?`,
    `${month}(?:\\s(?:of\\s)?\\d{3,4})`,
    '(?:the\\s)?(?:early\\s|late\\s|mid-?)?\\d{1,2}(?:st|nd|rd|th)[\\s-]century(?:\\s(?:BC|BCE|AD|CE))?',
    '\\d{3,4}s?(?:\\s?(?:BC|BCE|AD|CE))?(?:\\s?[-–]\\s?\\d{2,4})?',
  ].join('|'),
  'g',
);
// Lower-case words that may sit inside a name: "University of Notre Dame", "Charles de Gaulle".
const nameJoiners = new Set([
  'of',
  'de',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'and',
  'the',
  'for',
  'da',
  'di',
  'al',
]);
const leadingArticles = new Set(['the', 'a', 'an']);

function termIndexRange(terms: readonly Term[], start: number, end: number): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let index = 0; index < terms.length; index++) {
    const term = terms[index] as Term;
    if (term.end <= start || term.start >= end) continue;
    if (first < 0) first = index;
    last = index;
  }
  return first < 0 ? undefined : [first, last];
}

function regexCandidates(
  text: string,
  offset: number,
  terms: readonly Term[],
  pattern: RegExp,
  kind: Candidate['kind'],
): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = offset + match.index;
    const end = start + match[0].length;
    const range = termIndexRange(terms, start, end);
    if (range) found.push({ start, end, kind, firstTerm: range[0], lastTerm: range[1] });
  }
  return found;
}

function isCapitalised(term: Term): boolean {
  return /^[\p{Lu}\d]/u.test(term.raw);
}

/** Runs of capitalised words (with joiners inside), not counting a lone sentence-initial function word. */
function nameCandidates(terms: readonly Term[], questionStems: ReadonlySet<string>): Candidate[] {
  const found: Candidate[] = [];
  let index = 0;
  while (index < terms.length) {
    const term = terms[index] as Term;
    if (!isCapitalised(term) || (index === 0 && term.stop)) {
      index++;
      continue;
    }
    let last = index;
    let next = index + 1;
    while (next < terms.length) {
      const candidate = terms[next] as Term;
      if (isCapitalised(candidate)) last = next;
      else if (!nameJoiners.has(candidate.raw)) break;
      next++;
    }
    let first = index;
    while (
      first <= last &&
      (terms[first] as Term).stop &&
      leadingArticles.has((terms[first] as Term).raw.toLowerCase())
    )
      first++;
    const words = terms.slice(first, last + 1);
    const lastWord = words.at(-1);
    // "Google’s" names Google: the possessive is not part of the name.
    const possessive = lastWord !== undefined && /['’]s$/.test(lastWord.raw) ? 2 : 0;
    // A run of bare numbers is no name ("1968"); numbers and dates have candidates of their own.
    // A lone letter ("N", "X") is a variable or an initial, not a name.
    const named =
      words.some((word) => /^\p{Lu}/u.test(word.raw)) &&
      !(words.length === 1 && (words[0] as Term).raw.length < 2);
    if (named && words.some((word) => !questionStems.has(word.stem) && !word.stop)) {
      // A lone capitalised first word is often just the start of the sentence ("Several", "Conversely").
      const kind = first === 0 && last === 0 ? 'initial' : 'name';
      found.push({
        start: (words[0] as Term).start,
        end: (lastWord as Term).end - possessive,
        kind,
        firstTerm: first,
        lastTerm: last,
      });
    }
    index = last + 1;
  }
  return found;
}

/** Chunks between punctuation and question words, trimmed of function words, at most six words long. */
function phraseCandidates(
  text: string,
  offset: number,
  terms: readonly Term[],
  questionStems: ReadonlySet<string>,
): Candidate[] {
  const found: Candidate[] = [];
  let runStart = -1;
  const close = (runEnd: number) => {
    let first = runStart;
    let last = runEnd;
    while (first <= last && (terms[first] as Term).stop) first++;
    while (last >= first && (terms[last] as Term).stop) last--;
    if (first <= last && last - first < 6) {
      found.push({
        start: (terms[first] as Term).start,
        end: (terms[last] as Term).end,
        kind: 'phrase',
        firstTerm: first,
        lastTerm: last,
      });
    }
    runStart = -1;
  };
  for (let index = 0; index < terms.length; index++) {
    const term = terms[index] as Term;
    const previous = terms[index - 1];
    const gap = previous === undefined ? '' : text.slice(previous.end - offset, term.start - offset);
    if (runStart >= 0 && /[,;:()"“”—–]/.test(gap)) close(index - 1);
    if (questionStems.has(term.stem) && !term.stop) {
      if (runStart >= 0) close(index - 1);
      continue;
    }
    if (runStart < 0) runStart = index;
  }
  if (runStart >= 0) close(terms.length - 1);
  return found;
}

/**
 * The short-answer candidates of one sentence for an answer type; `sentenceText` starts at passage
 * offset `offset`, and `terms` are the sentence's words with passage offsets.
 */
export function candidateSpans(
  sentenceText: string,
  offset: number,
  terms: readonly Term[],
  questionStems: ReadonlySet<string>,
  type: AnswerType,
): Candidate[] {
  switch (type) {
    case 'number':
      return regexCandidates(sentenceText, offset, terms, numberPattern, 'number');
    case 'date':
      return regexCandidates(sentenceText, offset, terms, datePattern, 'date');
    case 'person':
    case 'location':
      return nameCandidates(terms, questionStems);
    case 'entity':
      return [
        ...nameCandidates(terms, questionStems),
        ...phraseCandidates(sentenceText, offset, terms, questionStems),
      ];
    case 'description':
      return [];
  }
}
