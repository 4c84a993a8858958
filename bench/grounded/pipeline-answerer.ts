/**
 * Answers bench questions through the real pipeline (`createStack`), so a configured model can be
 * compared with `local/extractive`: the passages go into a numbered citation prompt, and each `[n]` the
 * model writes becomes a citation of passage n as a whole.
 */
import type { Environment } from '../../src/config/env.js';
import type { Config } from '../../src/config/schema.js';
import { newId } from '../../src/core/ids.js';
import type { ChatRequest } from '../../src/core/types.js';
import {
  abstentionText,
  type Citation,
  type Passage,
} from '../../src/knowledge/grounded/extractive-answer.js';
import { createStack, type Stack } from '../../src/pipeline/stack.js';
import type { BenchAnswerer } from './answerer.js';

const instructions = `Answer the question using only the numbered passages. Give the shortest answer that is
correct (a name, date, number or short phrase when that answers it), followed by the marker of each passage
that supports it, like: Paris [2]. If the passages do not contain the answer, reply exactly: ${abstentionText}`;

/** The chat request the bench sends for one question. */
export function citationPrompt(model: string, question: string, passages: readonly Passage[]): ChatRequest {
  const numbered = passages
    .map((passage, index) => `[${index + 1}] ${passage.title ? `${passage.title}: ` : ''}${passage.text}`)
    .join('\n\n');
  return {
    model,
    temperature: 0,
    max_tokens: 200,
    messages: [
      { role: 'system', content: instructions },
      { role: 'user', content: `Passages:\n${numbered}\n\nQuestion: ${question}` },
    ],
  };
}

/** Reads an answer's `[n]` markers as citations of whole passages; unknown numbers cite nothing. */
export function citationsFromMarkers(answer: string, passages: readonly Passage[]): Citation[] {
  const seen = new Set<number>();
  const citations: Citation[] = [];
  for (const match of answer.matchAll(/\[(\d+)\]/g)) {
    const index = Number(match[1]);
    if (seen.has(index)) continue;
    seen.add(index);
    const passage = passages[index - 1];
    // A marker past the passages still counts as a citation, with a chunk id no passage has: invalid.
    citations.push(
      passage
        ? { index, chunkId: passage.id, start: 0, end: passage.text.length, text: passage.text }
        : { index, chunkId: `missing-${index}`, start: 0, end: 0, text: '' },
    );
  }
  return citations;
}

/** A bench answerer that calls `model` through a stack built from the config; close it when done. */
export async function createPipelineAnswerer(
  model: string,
  config: Config,
  environment: Environment,
): Promise<BenchAnswerer & { close(): Promise<void> }> {
  const stack: Stack = await createStack(config, environment);
  return {
    model,
    async answer(question, passages) {
      const outcome = await stack.chat({
        requestId: newId('req'),
        endpoint: 'bench/grounded',
        request: citationPrompt(model, question, passages),
        principal: { kind: 'master', keyId: null, keyName: 'bench', team: null },
        signal: new AbortController().signal,
        startedAt: performance.now(),
      });
      let content = '';
      if (outcome.kind === 'response') {
        const message = outcome.response.choices[0]?.message.content;
        content = typeof message === 'string' ? message : '';
      } else {
        for await (const chunk of outcome.chunks) content += chunk.choices[0]?.delta.content ?? '';
      }
      const abstained = /insufficient information/i.test(content);
      return {
        answer: content.trim(),
        citations: abstained ? [] : citationsFromMarkers(content, passages),
        abstained,
      };
    },
    close: () => stack.close(),
  };
}
