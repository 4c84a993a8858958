/**
 * Loads a grounded-QA dataset directory: `qa.jsonl` in either the SQuAD 2.0 shape
 * (`context`, `answers[]`, `is_impossible`) or the MultiHop-RAG shape (`answer`, `evidence_list`,
 * `question_type`), plus the BEIR `corpus.jsonl` retrieval runs over.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A passage of the corpus. */
export interface CorpusDocument {
  id: string;
  title: string;
  text: string;
}

/** One question, whatever the source shape. */
export interface GroundedQuestion {
  id: string;
  question: string;
  /** Gold answers; empty when the question is unanswerable. */
  answers: string[];
  unanswerable: boolean;
  /** The passages that hold the answer, for runs on gold context. */
  gold: CorpusDocument[];
  /** The dataset's question type, e.g. `inference_query`, or `squad`. */
  type: string;
}

/** A loaded dataset. */
export interface GroundedDataset {
  name: string;
  questions: GroundedQuestion[];
  corpus: CorpusDocument[];
}

async function readJsonLines(path: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`${path} line ${index + 1} is not valid JSON`);
      }
    });
}

const string = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

function fromRow(
  row: Record<string, unknown>,
  corpus: ReadonlyMap<string, CorpusDocument>,
): GroundedQuestion {
  const id = string(row.id);
  const question = string(row.question);
  if (Array.isArray(row.answers)) {
    const contextId = string(row.context_id);
    const context = corpus.get(contextId) ?? { id: contextId, title: '', text: string(row.context) };
    const unanswerable = row.is_impossible === true;
    return {
      id,
      question,
      answers: unanswerable ? [] : row.answers.map(string),
      unanswerable,
      gold: [context],
      type: 'squad',
    };
  }
  const answer = string(row.answer);
  const unanswerable =
    row.question_type === 'null_query' || /^insufficient information\.?$/i.test(answer.trim());
  const evidence = Array.isArray(row.evidence_list)
    ? (row.evidence_list as Array<Record<string, unknown>>)
    : [];
  const byFact = new Map([...corpus.values()].map((document) => [document.text, document]));
  const gold = evidence.map(
    (fact, index) =>
      byFact.get(string(fact.fact)) ?? {
        id: `${id}-e${index}`,
        title: string(fact.title),
        text: string(fact.fact),
      },
  );
  return {
    id,
    question,
    answers: unanswerable ? [] : [answer],
    unanswerable,
    gold,
    type: string(row.question_type),
  };
}

/** Reads `qa.jsonl` and `corpus.jsonl` from a dataset directory. */
export async function loadGroundedDataset(directory: string): Promise<GroundedDataset> {
  const corpusRows = await readJsonLines(join(directory, 'corpus.jsonl'));
  const corpus = corpusRows.map((row) => ({
    id: string(row._id),
    title: string(row.title),
    text: string(row.text),
  }));
  const byId = new Map(corpus.map((document) => [document.id, document]));
  const questions = (await readJsonLines(join(directory, 'qa.jsonl'))).map((row) => fromRow(row, byId));
  const name = directory.replace(/\/+$/, '').split('/').pop() ?? directory;
  return { name, questions, corpus };
}
