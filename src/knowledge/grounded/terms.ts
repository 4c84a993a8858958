/**
 * Word tokens with character spans and Porter stems, for matching a question or an answer against
 * source sentences. The stemmer is the retrieval analyzer's, so both legs agree on what a term is.
 */
import { porterStem } from '../analysis/porter-stemmer.js';

/** One word of a text. */
export interface Term {
  /** The word as written. */
  raw: string;
  /** Lower-cased, diacritics folded, Porter-stemmed. */
  stem: string;
  start: number;
  end: number;
  /** A function word that carries no content of its own. */
  stop: boolean;
}

// Function words for answer matching: wider than an index's stopword list, because a question's
// "what", "did" or "many" must not count as evidence that a sentence answers it.
const functionWords = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each either few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most my
  myself neither no nor not of off on once only or other our ours ourselves out over own same she should so
  some such than that the their theirs them themselves then there these they this those through to too under
  until up upon very was we were what when where which while who whom whose why will with within without
  would you your yours yourself yourselves many much one ones thing things kind type called name named
  according considered used use known eg ie etc`
    .split(/\s+/)
    .filter((word) => word !== ''),
);

const wordPattern = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;

/** Lower-cases, folds diacritics and keeps ASCII letters and digits: the stemmer's input alphabet. */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Whether a folded word is a function word. */
export function isFunctionWord(folded: string): boolean {
  return functionWords.has(folded);
}

// Words recur across the hundreds of passages one answer reads, so each is folded and stemmed once.
const analysed = new Map<string, { stem: string; stop: boolean } | null>();
const maxAnalysed = 50_000;

function analyseWord(raw: string): { stem: string; stop: boolean } | null {
  let known = analysed.get(raw);
  if (known !== undefined) return known;
  const folded = foldWord(raw);
  known =
    folded === ''
      ? null
      : {
          stem: /^[a-z]+$/.test(folded) ? porterStem(folded) : folded,
          stop: functionWords.has(folded),
        };
  if (analysed.size >= maxAnalysed) analysed.clear();
  analysed.set(raw, known);
  return known;
}

// Phrasal verbs and idioms that mean one word ("run out" is "exceeded", "out of the box" is "by
// default"), by their words' stems: the last word carries the meaning, the others carry none.
const phrases = [
  ['run out', 'exceeded'],
  ['hook up', 'connect'],
  ['turn on', 'enable'],
  ['switch on', 'enable'],
  ['turn off', 'disable'],
  ['switch off', 'disable'],
  ['shut down', 'shutdown'],
  ['spin up', 'start'],
  ['back up', 'backup'],
  ['out of the box', 'default'],
  ['log in', 'sign'],
  ['log into', 'sign'],
  ['log on', 'sign'],
].map(([phrase, meaning]) => ({
  stems: (phrase as string).split(' ').map((word) => analyseWord(word)?.stem ?? word),
  meaning: analyseWord(meaning as string)?.stem ?? (meaning as string),
}));

/** Gives each phrase of `phrases` in `terms` its one meaning, in place. */
function joinPhrases(terms: Term[]): void {
  for (const phrase of phrases) {
    for (let index = 0; index + phrase.stems.length <= terms.length; index++) {
      if (!phrase.stems.every((stem, offset) => terms[index + offset]?.stem === stem)) continue;
      phrase.stems.forEach((_, offset) => {
        const term = terms[index + offset] as Term;
        const last = offset === phrase.stems.length - 1;
        terms[index + offset] = { ...term, stem: last ? phrase.meaning : term.stem, stop: !last };
      });
    }
  }
}

/** Splits text into words with spans, stems and a function-word flag. */
export function termsOf(text: string): Term[] {
  const terms: Term[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const raw = match[0];
    const word = analyseWord(raw);
    if (word === null) continue;
    terms.push({ raw, stem: word.stem, start: match.index, end: match.index + raw.length, stop: word.stop });
  }
  joinPhrases(terms);
  return terms;
}

/**
 * The words of an identifier written in camel case (`baseURL` → `base URL`), or '' for any other word;
 * a name that starts with a capital (`OpenAI`) is a name, not words.
 */
export function camelParts(word: string): string {
  return /^\p{Ll}+\p{Lu}/u.test(word) ? word.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2') : '';
}

/** The distinct stems of the content words of a text. */
export function contentStems(text: string): Set<string> {
  return new Set(
    termsOf(text)
      .filter((term) => !term.stop)
      .map((term) => term.stem),
  );
}
