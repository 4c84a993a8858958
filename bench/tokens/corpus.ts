/**
 * The bench text: about 1 MB mixing English prose (SQuAD 2.0 contexts when the dataset is present,
 * generated sentences otherwise), TypeScript code and CJK, cut into documents of a few kilobytes —
 * the size of a real message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The documents the bench counts and where their prose came from. */
export interface BenchCorpus {
  documents: string[];
  bytes: number;
  proseSource: string;
}

const words =
  'the of model token cost request budget router cache stream latency answer provider gateway'.split(' ');
const cjkSentences = [
  '人工智能是计算机科学的一个分支，它研究如何让机器像人一样思考和学习。',
  '大規模言語モデルは、大量のテキストから言語のパターンを学習します。',
  '토큰 수는 요청 비용과 지연 시간을 결정하는 중요한 요소입니다。',
];

// A fixed-seed generator so every run counts the same text.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function readContexts(directory: string): string[] {
  const file = join(directory, 'qa.jsonl');
  if (!existsSync(file)) return [];
  const contexts = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row: { context?: unknown } = JSON.parse(line);
    if (typeof row.context === 'string') contexts.add(row.context);
  }
  return [...contexts];
}

function generatedProse(random: () => number, sentences: number): string {
  const out: string[] = [];
  for (let index = 0; index < sentences; index++) {
    const length = 8 + Math.floor(random() * 14);
    const sentence = Array.from({ length }, () => words[Math.floor(random() * words.length)] ?? 'token');
    out.push(`${sentence.join(' ')}.`);
  }
  return out.join(' ');
}

function generatedCode(random: () => number, index: number): string {
  const limit = Math.floor(random() * 1000);
  return [
    `export function handler${index}(request: { model: string; tokens: number[] }): number {`,
    `  let total = 0; // sums the first ${limit} tokens`,
    '  for (const [position, token] of request.tokens.entries()) {',
    `    if (position > ${limit}) break;`,
    '    total += token * 31 + (request.model.length % 7);',
    '  }',
    `  return Math.min(total, ${limit * 17});`,
    '}',
    '',
  ].join('\n');
}

/** Builds a corpus of about `targetBytes` bytes: 60% prose, 25% code, 15% CJK by bytes. */
export function buildCorpus(dataDirectory: string, targetBytes = 1_000_000): BenchCorpus {
  const random = seeded(42);
  const contexts = readContexts(dataDirectory);
  const documents: string[] = [];
  let bytes = 0;
  let proseBytes = 0;
  let codeBytes = 0;
  let index = 0;
  while (bytes < targetBytes) {
    let document: string;
    if (proseBytes <= bytes * 0.6) {
      document = contexts[index % Math.max(1, contexts.length)] ?? generatedProse(random, 30);
      proseBytes += Buffer.byteLength(document);
    } else if (codeBytes < bytes * 0.25) {
      document = Array.from({ length: 8 }, (_, offset) => generatedCode(random, index * 8 + offset)).join(
        '\n',
      );
      codeBytes += Buffer.byteLength(document);
    } else {
      document = Array.from({ length: 12 }, () => cjkSentences[Math.floor(random() * 3)] ?? '').join('');
    }
    documents.push(document);
    bytes += Buffer.byteLength(document);
    index++;
  }
  const proseSource = contexts.length > 0 ? `SQuAD 2.0 contexts (${contexts.length})` : 'generated sentences';
  return { documents, bytes, proseSource };
}
