/**
 * The docs questions: what a new user asks about installing, configuring, calling, budgeting, routing,
 * knowledge bases and operating Strata, answered by `local/extractive` from the project's own docs
 * (README.md, docs/ and the bench READMEs) through the same code `/v1/knowledge/{kb}/answer` and chat use.
 * A question passes when its answer is a sentence carrying the expected fact; an off-topic one when the
 * model abstains.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerQuestion } from '../../src/knowledge/answer-question.js';
import { createKnowledgeService } from '../../src/knowledge/knowledge-service.js';
import { ingestProjectDocs } from '../../src/knowledge/project-docs.js';
import { retrievalIndexFactory } from '../../src/knowledge/retrieval-index-factory.js';
import { openDatabase } from '../../src/store/database.js';
import { createKnowledgeRepository } from '../../src/store/knowledge-repository.js';

/** One question: `expect` is a regular expression (case-insensitive) its answer must match, or null for off-topic. */
export interface DocsQuestion {
  id: string;
  /**
   * Which set: answerer changes are tuned on `tuning`; `test` questions were written before any tuning
   * and are kept in a file of their own, so no tuning run reads them.
   */
  half: 'tuning' | 'test';
  topic: string;
  question: string;
  expect: string | null;
}

/** How one question went. */
export interface DocsQuestionOutcome extends DocsQuestion {
  answer: string;
  abstained: boolean;
  passed: boolean;
}

/** Pass rates of one half: on-topic questions answered with their fact, off-topic ones abstained on. */
export interface DocsHalfScores {
  answered: number;
  on_topic: number;
  abstained: number;
  off_topic: number;
}

/** The report: each set's scores (a set not asked is absent), and every outcome. */
export interface DocsQaReport {
  tuning?: DocsHalfScores;
  test?: DocsHalfScores;
  outcomes: DocsQuestionOutcome[];
}

/** The committed tuning questions, beside this file's source. */
export const docsQuestionsPath = fileURLToPath(
  new URL('../../../bench/grounded/docs-questions.jsonl', import.meta.url),
);

/** The fresh test questions: written before tuning, measured once (see README). */
export const freshDocsQuestionsPath = fileURLToPath(
  new URL('../../../bench/grounded/docs-questions-fresh.jsonl', import.meta.url),
);

/** Reads a questions file (JSONL). */
export function loadDocsQuestions(path = docsQuestionsPath): DocsQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DocsQuestion);
}

/** Whether an answer carries its fact in a sentence: not an abstention, not a lone number or heading. */
export function passes(question: DocsQuestion, answer: string, abstained: boolean): boolean {
  if (question.expect === null) return abstained;
  if (abstained) return false;
  const words = answer.replace(/\[\d+\]/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length >= 4 && new RegExp(question.expect, 'i').test(answer);
}

function scores(outcomes: readonly DocsQuestionOutcome[]): DocsHalfScores {
  const onTopic = outcomes.filter((outcome) => outcome.expect !== null);
  const offTopic = outcomes.filter((outcome) => outcome.expect === null);
  return {
    answered: onTopic.filter((outcome) => outcome.passed).length,
    on_topic: onTopic.length,
    abstained: offTopic.filter((outcome) => outcome.passed).length,
    off_topic: offTopic.length,
  };
}

/** Ingests the docs under `root` into a fresh store and answers every question from them. */
export async function runDocsQa(root: string, questions = loadDocsQuestions()): Promise<DocsQaReport> {
  const home = await mkdtemp(join(tmpdir(), 'strata-docs-qa-'));
  const store = await openDatabase({ home });
  const knowledge = createKnowledgeService({
    repository: createKnowledgeRepository(store.db),
    indexes: retrievalIndexFactory(),
  });
  try {
    await ingestProjectDocs(knowledge, 'docs', root);
    const outcomes: DocsQuestionOutcome[] = [];
    for (const question of questions) {
      const result = await answerQuestion(knowledge, 'docs', question.question);
      outcomes.push({
        ...question,
        answer: result.answer,
        abstained: result.abstained,
        passed: passes(question, result.answer, result.abstained),
      });
    }
    const report: DocsQaReport = { outcomes };
    for (const half of ['tuning', 'test'] as const) {
      const ofHalf = outcomes.filter((outcome) => outcome.half === half);
      if (ofHalf.length > 0) report[half] = scores(ofHalf);
    }
    return report;
  } finally {
    await knowledge.close();
    await store.close();
    await rm(home, { recursive: true, force: true });
  }
}
