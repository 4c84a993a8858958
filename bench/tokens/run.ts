/**
 * Measures counting throughput per tokenizer over the bench corpus, and `countChatTokens` calls per
 * second for a typical ten-message request.
 */
import type { ChatRequest } from '../../src/core/types.js';
import { countChatTokens } from '../../src/tokens/tokenizers/count-chat.js';
import type { Tokenizer } from '../../src/tokens/tokenizers/tokenizer.js';
import { tokenizerFor } from '../../src/tokens/tokenizers/tokenizer-for.js';
import { buildCorpus } from './corpus.js';

/** One tokenizer's throughput on the corpus. */
export interface TokenizerResult {
  tokenizer: string;
  loadMs: number;
  tokens: number;
  tokensPerSecond: number;
  megabytesPerSecond: number;
  rounds: number;
}

/** The whole report, printed as a table or JSON. */
export interface TokensBenchReport {
  corpus: { documents: number; bytes: number; proseSource: string };
  tokenizers: TokenizerResult[];
  chat: Array<{
    tokenizer: string;
    requestTokens: number;
    callsPerSecond: number;
    microsecondsPerCall: number;
  }>;
}

const candidates: Array<[string, string]> = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4'],
  ['groq', 'llama-3.3-70b-versatile'],
  ['anthropic', 'claude-sonnet-4-5'],
];

function countAll(tokenizer: Tokenizer, documents: readonly string[]): number {
  let tokens = 0;
  for (const document of documents) tokens += tokenizer.count(document);
  return tokens;
}

function measureTokenizer(tokenizer: Tokenizer, documents: readonly string[], bytes: number, minMs: number) {
  const loadStart = performance.now();
  tokenizer.count('warm up');
  const loadMs = performance.now() - loadStart;
  const tokens = countAll(tokenizer, documents); // first pass warms the JIT and any merge cache
  let rounds = 0;
  const start = performance.now();
  while (rounds < 2 || performance.now() - start < minMs) {
    countAll(tokenizer, documents);
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    tokenizer: tokenizer.name,
    loadMs,
    tokens,
    tokensPerSecond: (tokens * rounds) / seconds,
    megabytesPerSecond: (bytes * rounds) / seconds / 1_000_000,
    rounds,
  };
}

/** A ten-message support conversation: system prompt, four user/assistant turns, a final question. */
export function typicalRequest(model: string): ChatRequest {
  const turns = [
    'My invoice for March shows two charges for the same seat. Can you check why?',
    'I can see two seat charges on invoice 2024-03: one prorated from the 14th and one for the full month.',
    'We removed that seat on the 20th, so neither should be a full month. What happened?',
    'The removal was scheduled for the next billing cycle, so March billed in full. I can refund the difference.',
    'Please do, and make sure April is correct too. We have 12 seats now, not 13.',
    'Done: a refund of $18.40 is on its way and April will bill 12 seats at $29 each, $348 in total.',
    'Thanks. Will the refund show on the same card?',
    'Yes, on the card ending 4242, within five to ten business days depending on your bank.',
  ];
  return {
    model,
    messages: [
      {
        role: 'system',
        content:
          'You are a billing assistant for Acme Cloud. Answer briefly, cite invoice numbers, never guess.',
      },
      ...turns.map((content, index) => ({
        role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
        content,
      })),
      { role: 'user', content: 'One more thing: can I get the corrected March invoice as a PDF?' },
    ],
  };
}

function measureChat(provider: string, model: string, minMs: number) {
  const tokenizer = tokenizerFor(provider, model);
  const request = typicalRequest(model);
  const requestTokens = countChatTokens(request, tokenizer).tokens;
  let calls = 0;
  const start = performance.now();
  while (calls < 1000 || performance.now() - start < minMs) {
    countChatTokens(request, tokenizer);
    calls++;
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    tokenizer: tokenizer.name,
    requestTokens,
    callsPerSecond: calls / seconds,
    microsecondsPerCall: (seconds * 1_000_000) / calls,
  };
}

/** Runs the bench; `minMs` is the least time spent measuring each tokenizer. */
export function runTokensBench(options: { dataDirectory: string; minMs: number }): TokensBenchReport {
  const corpus = buildCorpus(options.dataDirectory);
  const tokenizers = candidates.map(([provider, model]) =>
    measureTokenizer(tokenizerFor(provider, model), corpus.documents, corpus.bytes, options.minMs),
  );
  const chat = candidates.map(([provider, model]) => measureChat(provider, model, options.minMs));
  return {
    corpus: { documents: corpus.documents.length, bytes: corpus.bytes, proseSource: corpus.proseSource },
    tokenizers,
    chat,
  };
}
