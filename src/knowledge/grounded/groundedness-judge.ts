/**
 * The LLM judge of the groundedness check: shows a model the cited sources and the answer's sentences
 * and asks, sentence by sentence, whether the sources support it. A reply it cannot read leaves the
 * lexical verdicts in place.
 */
import type { ChatRequest, ChatResponse } from '../../core/types.js';

/** A chunk an answer may cite. */
export interface GroundingPassage {
  id: string;
  text: string;
}

/** An LLM judge: a chat function (the pipeline's, injected) and the model to ask. */
export interface GroundednessJudge {
  chat(request: ChatRequest): Promise<ChatResponse>;
  model: string;
}

/** The judge's verdict on one sentence. */
export interface JudgedSentence {
  score: number;
  reason: string;
}

const instructions = `You check whether an answer is grounded in its sources.
For each numbered answer sentence, decide whether the sources it cites (or, if it cites none, any source)
state what the sentence says. Reply with JSON only, in this shape:
{"sentences":[{"index":1,"verdict":"supported"|"partial"|"unsupported","reason":"one short sentence"}]}`;

const verdictScores: Record<string, number> = { supported: 1, partial: 0.5, unsupported: 0 };

function parseReply(content: string, count: number): Array<JudgedSentence | undefined> | undefined {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const list = (parsed as { sentences?: unknown }).sentences;
  if (!Array.isArray(list)) return undefined;
  const verdicts: Array<JudgedSentence | undefined> = Array.from({ length: count }, () => undefined);
  for (const item of list as Array<Record<string, unknown>>) {
    const index = Number(item.index);
    const score = verdictScores[String(item.verdict)];
    if (!Number.isInteger(index) || index < 1 || index > count || score === undefined) continue;
    verdicts[index - 1] = { score, reason: `Judge: ${String(item.reason ?? item.verdict)}` };
  }
  return verdicts;
}

/** Asks the judge about every sentence; undefined when the reply cannot be read. */
export async function judgeSentences(
  judge: GroundednessJudge,
  sentences: ReadonlyArray<{ text: string; sources: readonly GroundingPassage[] }>,
  passages: readonly GroundingPassage[],
): Promise<Array<JudgedSentence | undefined> | undefined> {
  const sources = passages
    .map((passage, index) => `[${index + 1}] (${passage.id}) ${passage.text}`)
    .join('\n\n');
  const answer = sentences
    .map((sentence, index) => {
      const cites = sentence.sources.map((source) => source.id).join(', ') || 'none';
      return `${index + 1}. ${sentence.text} (cites: ${cites})`;
    })
    .join('\n');
  const response = await judge.chat({
    model: judge.model,
    temperature: 0,
    messages: [
      { role: 'system', content: instructions },
      { role: 'user', content: `Sources:\n${sources}\n\nAnswer sentences:\n${answer}` },
    ],
  });
  const content = response.choices[0]?.message.content;
  return typeof content === 'string' ? parseReply(content, sentences.length) : undefined;
}
