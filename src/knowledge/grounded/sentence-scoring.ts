/**
 * Scores every sentence of the retrieved passages against a question: IDF-weighted coverage of the
 * question's content stems, the same from the sentence's context (title, previous sentence), how close
 * together the matched words sit, and the passage's retrieval rank.
 */

import { type PassageUnit, passageUnits } from './passage-units.js';
import type { AnalysedQuestion } from './question-analysis.js';
import { defines, holdsAnswer, instructs, negates, opensWith, quotesQuestion } from './sentence-shape.js';
import { matchStrength } from './synonyms.js';
import { camelParts, contentStems, type Term, termsOf } from './terms.js';

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
  const known = new Map<string, number>();
  return (stem) => {
    let weight = known.get(stem);
    if (weight === undefined) {
      let frequency = 0;
      for (const stems of sentenceStems) if (stems.has(stem)) frequency++;
      weight = Math.log(1 + (total + 1) / (frequency + 0.5));
      known.set(stem, weight);
    }
    return weight;
  };
}

/**
 * How much a heading or lead term is about the question, 0..1: the weighted share of its content stems
 * the question names, times the weighted share of the question's subject it names. A heading naming
 * only a word every section shares (the product's name) is not about the question, however short.
 */
function topicMatch(
  topic: ReadonlySet<string>,
  subject: readonly string[],
  weight: (stem: string) => number,
  strength: (stems: ReadonlySet<string>, stem: string) => number,
): number {
  if (topic.size === 0) return 0;
  let found = 0;
  let size = 0;
  for (const stem of topic) {
    size += weight(stem);
    if (subject.includes(stem)) found += weight(stem);
    else found += Math.max(0, ...subject.map((asked) => strength(new Set([stem]), asked))) * weight(stem);
  }
  let named = 0;
  let total = 0;
  for (const stem of subject) {
    total += weight(stem);
    named += strength(topic, stem) * weight(stem);
  }
  return size === 0 || total === 0 ? 0 : (found / size) * (named / total);
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

/**
 * Weight of a question word found in the titles of a third or more of the passages: the name of what
 * the whole base documents ("Strata" in Strata's docs), which tells no passage from another.
 */
const everywhereWeight = 0.3;

/** The question stems in the titles of at least a third of the passages, unless that is all of them. */
function titleWords(passages: readonly Passage[], stems: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const passage of passages) {
    for (const stem of contentStems(passage.title ?? '')) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  const common = stems.filter((stem) => (counts.get(stem) ?? 0) * 3 >= passages.length);
  return common.length < stems.length && passages.length >= 6 ? new Set(common) : new Set();
}

/**
 * Weight of a unit holding the kind of thing a typed question asks for ("Where …?" over a sentence with
 * a path in it), when answers are whole sentences rather than narrowed spans.
 */
const typeWeight = 0.3;

/**
 * Weight of a sentence that agrees with a negated question ("What happens when the base holds no
 * answer?" over "… or abstains when the base does not hold an answer"): the negation is most of what
 * such a question asks, and the function words that carry it are not matched otherwise.
 */
const negationWeight = 0.2;

/** Whether a unit sits under a heading that is a question (an FAQ entry), which the unit answers. */
export function answersHeading(unit: PassageUnit): boolean {
  return unit.kind === 'prose' && /\?\s*$/.test(unit.heading);
}

/**
 * A unit's content stems; a dotted name (`cache.enabled`) also counts as its parts, and in docs
 * (`whole`) so does a camel-cased one (`baseURL`).
 */
function stemsOf(terms: readonly Term[], whole: boolean): Set<string> {
  const stems = new Set<string>();
  for (const term of terms) {
    if (term.stop) continue;
    stems.add(term.stem);
    if (term.raw.includes('.'))
      for (const part of contentStems(term.raw.replace(/\./g, ' '))) stems.add(part);
    if (whole) for (const part of contentStems(camelParts(term.raw))) stems.add(part);
  }
  return stems;
}

/**
 * What a table row gives up against prose: a row is terse and dense with names (a reference table's
 * `routes.<name>.hedge.percentile` holds "route" as surely as a sentence about routes does), so it
 * answers when no sentence does.
 */
const rowPenalty = 0.3;

/**
 * Words past which a unit starts to lose score, and how fast: a long sentence gathers a question's
 * words in passing, while the sentence that answers it is usually about that alone.
 */
const longUnit = 30;
const lengthWeight = 0.1;

/**
 * Ranks the sentences of `passages` (in retrieval order) for the question. With `whole` (answers quote
 * whole units), table rows are units too and a unit holding what a typed question asks for ranks higher.
 */
export function rankSentences(
  question: AnalysedQuestion,
  passages: readonly Passage[],
  idf?: (stem: string) => number,
  whole = false,
): SentenceRanking {
  // Synonyms are the docs' vocabulary: open-domain passages (`whole` off) match words as written.
  const strength = whole
    ? matchStrength
    : (stems: ReadonlySet<string>, stem: string) => (stems.has(stem) ? 1 : 0);
  const names = (stems: ReadonlySet<string>, stem: string) => strength(stems, stem) > 0;
  const asked = question.stems.filter((stem) => !question.frame.includes(stem));
  const perPassage = passages.map((passage) =>
    passageUnits(passage.text, {
      ...(passage.headings && { headings: passage.headings }),
      code: question.wantsCode,
      rows: whole,
    }).map((sentence) => {
      const terms = termsOf(passage.text.slice(sentence.start, sentence.end)).map((term) => ({
        ...term,
        start: term.start + sentence.start,
        end: term.end + sentence.start,
      }));
      const lead = contentStems(sentence.lead);
      const heading = contentStems(sentence.heading);
      const structure = new Set([...lead, ...heading]);
      const named = new Set(question.stems.filter((stem) => names(structure, stem)));
      // An FAQ's answer opens under its question: in docs, that question's words are the answer's own.
      const asks = whole && sentence.opens && answersHeading(sentence);
      return {
        sentence,
        terms,
        stems: asks ? new Set([...stemsOf(terms, whole), ...heading]) : stemsOf(terms, whole),
        lead,
        heading,
        structure,
        topic: 0,
        named,
      };
    }),
  );
  const shaped = (unit: PassageUnit, terms: readonly Term[], matched: ReadonlySet<string>) =>
    (question.defines !== undefined &&
      defines(unit.text, terms, question.defines, question.definesWords ?? [], unit.start, whole)) ||
    (whole && question.describes !== undefined && opensWith(terms, question.describes)) ||
    (question.instructs !== undefined &&
      instructs(terms, question.instructs) &&
      (!whole || instructsObject(matched, question.instructs)));
  const corpusIdf = idf ?? localIdf(perPassage.flat().map((entry) => entry.stems));
  const everywhere = titleWords(passages, question.stems);
  // The base's name is not what a question about one of its parts is about.
  const named = asked.filter((stem) => !everywhere.has(stem));
  const topicStems = named.length > 0 ? named : asked;
  // "Which models are available?" asks for the models: in docs (`whole`), the frame word weighs as
  // little as the base's name, or a sentence saying "available" in passing outranks the account.
  const slight = (stem: string) => everywhere.has(stem) || (whole && question.frame.includes(stem));
  const weightOf = (stem: string) => corpusIdf(stem) * (slight(stem) ? everywhereWeight : 1);
  const weights = new Map(question.stems.map((stem) => [stem, weightOf(stem)]));
  for (const entry of perPassage.flat()) {
    entry.topic = Math.max(
      topicMatch(entry.lead, topicStems, weightOf, strength),
      topicMatch(entry.heading, topicStems, weightOf, strength),
    );
  }
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0) || 1;
  const share = (stems: Iterable<string>, strength: (stem: string) => number = () => 1) => {
    let sum = 0;
    for (const stem of stems) sum += (weights.get(stem) ?? 0) * strength(stem);
    return sum / total;
  };
  const negated = negates(termsOf(question.text));
  const sentences: ScoredSentence[] = [];
  const passageCoverage: number[] = [];
  // In docs, "To check that the server is up" instructs "How do I check on an upload?" only when it is
  // about what the question does it to: at least half of the rest of the question.
  const instructsObject = (matched: ReadonlySet<string>, verb: string) => {
    const rest = question.stems.filter((stem) => stem !== verb);
    return share([...matched].filter((stem) => stem !== verb)) >= 0.5 * share(rest);
  };
  perPassage.forEach((entries, passageIndex) => {
    const passage = passages[passageIndex] as Passage;
    const titleStems = new Set(termsOf(passage.title ?? '').map((term) => term.stem));
    const passageStems = new Set([...titleStems, ...entries.flatMap((entry) => [...entry.stems])]);
    passageCoverage.push(share(question.stems.filter((stem) => names(passageStems, stem))));
    const rankPrior = 1 / (1 + passageIndex);
    entries.forEach((entry, index) => {
      const matched = new Set(question.stems.filter((stem) => names(entry.stems, stem)));
      const previous = entries[index - 1]?.stems;
      const context = question.stems.filter(
        (stem) =>
          !matched.has(stem) &&
          (names(titleStems, stem) ||
            names(entry.structure, stem) ||
            (previous !== undefined && names(previous, stem))),
      );
      const coverage = share(matched, (stem) => strength(entry.stems, stem));
      const contextCoverage = coverage + share(context);
      const found = new Set(
        entry.terms
          .filter((term) => question.stems.some((stem) => strength(new Set([term.stem]), stem) > 0))
          .map((term) => term.stem),
      );
      const window = matchWindow(entry.terms, found);
      const proximity = found.size > 1 ? found.size / window : found.size;
      const score =
        coverage +
        0.4 * (contextCoverage - coverage) +
        0.1 * proximity +
        0.05 * rankPrior +
        0.2 * (passageCoverage.at(-1) ?? 0) +
        (matched.size > 0 ? topicWeight * entry.topic : 0) +
        (coverage >= 0.5 && shaped(entry.sentence, entry.terms, matched) ? shapeWeight : 0) +
        (whole && holdsAnswer(entry.sentence.text, question) ? typeWeight : 0) +
        (whole && negated && matched.size > 0 && negates(entry.terms) ? negationWeight : 0) -
        (whole ? lengthWeight * Math.max(0, entry.terms.length / longUnit - 1) : 0) -
        (entry.sentence.kind === 'row' ? rowPenalty : 0) -
        (quotesQuestion(entry.sentence.text, topicStems) ? coverage : 0);
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
  // Support asks how much of the whole question the evidence covers, the base's name included: a
  // question whose only other word is matched in passing ("Who made Strata?") is not answered.
  return {
    sentences,
    passageCoverage,
    weights: new Map(question.stems.map((stem) => [stem, corpusIdf(stem)])),
  };
}
