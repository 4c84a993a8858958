/**
 * Scores every sentence of the retrieved passages against a question: IDF-weighted coverage of the
 * question's content stems, the same from the sentence's context (title, previous sentence), how close
 * together the matched words sit, and the passage's retrieval rank.
 */

import { type PassageUnit, passageUnits } from './passage-units.js';
import type { AnalysedQuestion } from './question-analysis.js';
import { contentStems, type Term, termsOf } from './terms.js';

/** A passage the answerer may cite: a retrieved chunk. */
export interface Passage {
  id: string;
  text: string;
  title?: string;
  /** The chunk's heading path, outermost first (Markdown sources). */
  headings?: readonly string[];
}

/** One sentence of a passage with its score for the question. */
export interface ScoredSentence {
  passageIndex: number;
  /** The quoted unit: a prose sentence, or a code block when the question asks for code. */
  sentence: PassageUnit;
  /** The sentence's words, with passage offsets. */
  terms: Term[];
  /** Question stems found in the sentence. */
  matched: Set<string>;
  /** IDF-weighted share of the question found in the sentence, 0..1. */
  coverage: number;
  /** IDF-weighted share found in the sentence or its context (title, previous sentence), 0..1. */
  contextCoverage: number;
  /**
   * 0..1: how much of the unit's topic (its block's bold lead term, else the heading it sits under) the
   * question names; 1 when the question asks about exactly what the block is about.
   */
  topic: number;
  /**
   * Question stems named by the unit's lead term or heading; `subject` when they are the whole question
   * (frame words aside): the question asks about what the block or section is about.
   */
  structural: Set<string>;
  subject: boolean;
  score: number;
}

/** The scored sentences, best first, and each passage's own coverage of the question. */
export interface SentenceRanking {
  sentences: ScoredSentence[];
  passageCoverage: number[];
  /** The weight of each question stem. */
  weights: Map<string, number>;
}

/** Length of the shortest run of words that holds every matched stem at least once, in words. */
function matchWindow(terms: readonly Term[], matched: ReadonlySet<string>): number {
  if (matched.size <= 1) return matched.size;
  const counts = new Map<string, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < terms.length; right++) {
    const stem = (terms[right] as Term).stem;
    if (!matched.has(stem)) continue;
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
    while (counts.size === matched.size) {
      best = Math.min(best, right - left + 1);
      const leftStem = (terms[left] as Term).stem;
      const count = counts.get(leftStem);
      if (count !== undefined) {
        if (count === 1) counts.delete(leftStem);
        else counts.set(leftStem, count - 1);
      }
      left++;
    }
  }
  return best;
}

/** Sentence-level inverse document frequency over the given sentences, for when no corpus IDF is known. */
function localIdf(sentenceStems: ReadonlyArray<ReadonlySet<string>>): (stem: string) => number {
  const total = sentenceStems.length;
  return (stem) => {
    let frequency = 0;
    for (const stems of sentenceStems) if (stems.has(stem)) frequency++;
    return Math.log(1 + (total + 1) / (frequency + 0.5));
  };
}

/** Share of a topic's content stems the question names, 0..1. */
function topicMatch(topic: ReadonlySet<string>, question: ReadonlySet<string>): number {
  if (topic.size === 0) return 0;
  let found = 0;
  for (const stem of topic) if (question.has(stem)) found++;
  return found / topic.size;
}

/**
 * Weight of a full topic match in a sentence's score: a sentence of the block about the question's
 * subject outranks one that only mentions the question's words in passing. It counts for sentences
 * that match the question themselves.
 */
const topicWeight = 1;

/**
 * Weight of a sentence shaped as the answer to the question's shape: a definition ("X is …") for "What
 * is X?", an instruction ("To set …, …") for "How do I set …?". Such a sentence is the answer a reader
 * wants, over one that merely sits in a section about the subject.
 */
const shapeWeight = 1.5;

/** Whether a sentence defines the stems ("Strata is …", "A learned router is …"). */
function defines(terms: readonly Term[], stems: readonly string[]): boolean {
  const content = terms.filter((term, index) => index > 0 || !/^(a|an|the)$/i.test(term.raw));
  const opening = content.slice(0, stems.length + 1);
  const named = stems.every((stem) => opening.some((term) => term.stem === stem));
  const verb = content[stems.length]?.raw.toLowerCase() ?? content[stems.length + 1]?.raw.toLowerCase();
  return named && (verb === 'is' || verb === 'are' || content[stems.length + 1]?.raw === 'is');
}

/** Whether a sentence is an instruction for the verb: it opens "To <verb> …". */
function instructs(terms: readonly Term[], verb: string): boolean {
  return terms[0]?.raw.toLowerCase() === 'to' && terms[1]?.stem === verb;
}

/** Ranks the sentences of `passages` (in retrieval order) for the question. */
export function rankSentences(
  question: AnalysedQuestion,
  passages: readonly Passage[],
  idf?: (stem: string) => number,
): SentenceRanking {
  const questionStems = new Set(question.stems);
  const topicStems = question.stems.filter((stem) => !question.frame.includes(stem));
  const perPassage = passages.map((passage) =>
    passageUnits(passage.text, {
      ...(passage.headings && { headings: passage.headings }),
      code: question.wantsCode,
    }).map((sentence) => {
      const terms = termsOf(passage.text.slice(sentence.start, sentence.end)).map((term) => ({
        ...term,
        start: term.start + sentence.start,
        end: term.end + sentence.start,
      }));
      const lead = contentStems(sentence.lead);
      const heading = contentStems(sentence.heading);
      const topic = Math.max(topicMatch(lead, questionStems), topicMatch(heading, questionStems));
      const named = new Set([...lead, ...heading].filter((stem) => questionStems.has(stem)));
      return {
        sentence,
        terms,
        stems: new Set(terms.filter((term) => !term.stop).map((term) => term.stem)),
        structure: new Set([...lead, ...heading]),
        topic,
        named,
      };
    }),
  );
  const shaped = (terms: readonly Term[]) =>
    (question.defines !== undefined && defines(terms, question.defines)) ||
    (question.instructs !== undefined && instructs(terms, question.instructs));
  const weightOf = idf ?? localIdf(perPassage.flat().map((entry) => entry.stems));
  const weights = new Map(question.stems.map((stem) => [stem, weightOf(stem)]));
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0) || 1;
  const share = (stems: Iterable<string>) => {
    let sum = 0;
    for (const stem of stems) sum += weights.get(stem) ?? 0;
    return sum / total;
  };
  const sentences: ScoredSentence[] = [];
  const passageCoverage: number[] = [];
  perPassage.forEach((entries, passageIndex) => {
    const passage = passages[passageIndex] as Passage;
    const titleStems = new Set(termsOf(passage.title ?? '').map((term) => term.stem));
    const passageStems = new Set([...titleStems, ...entries.flatMap((entry) => [...entry.stems])]);
    passageCoverage.push(share(question.stems.filter((stem) => passageStems.has(stem))));
    const rankPrior = 1 / (1 + passageIndex);
    entries.forEach((entry, index) => {
      const matched = new Set(question.stems.filter((stem) => entry.stems.has(stem)));
      const previous = entries[index - 1]?.stems;
      const context = question.stems.filter(
        (stem) =>
          !matched.has(stem) &&
          (titleStems.has(stem) || entry.structure.has(stem) || previous?.has(stem) === true),
      );
      const coverage = share(matched);
      const contextCoverage = coverage + share(context);
      const window = matchWindow(entry.terms, matched);
      const proximity = matched.size > 1 ? matched.size / window : matched.size;
      const score =
        coverage +
        0.4 * (contextCoverage - coverage) +
        0.1 * proximity +
        0.05 * rankPrior +
        0.2 * (passageCoverage.at(-1) ?? 0) +
        (matched.size > 0 ? topicWeight * entry.topic : 0) +
        (coverage >= 0.5 && shaped(entry.terms) ? shapeWeight : 0);
      sentences.push({
        passageIndex,
        sentence: entry.sentence,
        terms: entry.terms,
        matched,
        coverage,
        contextCoverage,
        topic: entry.topic,
        structural: entry.named,
        subject: topicStems.length > 0 && topicStems.every((stem) => entry.named.has(stem)),
        score,
      });
    });
  });
  sentences.sort(
    (a, b) => b.score - a.score || a.passageIndex - b.passageIndex || a.sentence.start - b.sentence.start,
  );
  return { sentences, passageCoverage, weights };
}
