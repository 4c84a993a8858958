import type { VerifierConfig } from '../../config/verifiers.js';
import type { ChatRequest } from '../../core/types.js';
import { answerText, clip, describeError, verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type LlmJudgeConfig = Extract<VerifierConfig, { type: 'llm_judge' }>;

/** How much of the conversation the judge sees, so a long prompt cannot crowd out the rubric. */
const questionChars = 6000;

/**
 * Has a model grade the answer against the rubric through the pipeline (purpose `judge`, so its cost
 * lands in the ledger), and reads a 0–10 score from the reply however it is written.
 */
export function createLlmJudgeVerifier(config: LlmJudgeConfig): Verifier {
  const threshold = config.threshold ?? 0.7;
  return {
    name: 'llm_judge',
    async verify(request, response, context) {
      const judgeRequest = buildJudgeRequest(config, request, answerText(response));
      let reply: string;
      try {
        reply = answerText(await context.chat(judgeRequest, 'judge'));
      } catch (error) {
        if (context.signal.aborted) throw error;
        return verdict(0, threshold, `the judge ${config.model} could not be asked: ${describeError(error)}`);
      }
      const score = parseJudgeScore(reply);
      if (score === undefined) {
        return verdict(0, threshold, `no score could be read from the judge's reply "${clip(reply)}"`);
      }
      return verdict(
        score,
        threshold,
        `judge ${config.model} scored ${score.toFixed(2)}: ${clip(reply, 80)}`,
      );
    },
  };
}

/** The judge's request: the rubric as instructions, then the question and the answer to grade. */
export function buildJudgeRequest(config: LlmJudgeConfig, request: ChatRequest, answer: string): ChatRequest {
  const question = request.messages
    .filter((message) => message.role === 'user' || message.role === 'system')
    .map((message) => (typeof message.content === 'string' ? message.content : ''))
    .join('\n\n')
    .slice(-questionChars);
  return {
    model: config.model,
    temperature: 0,
    stream: false,
    messages: [
      {
        role: 'system',
        content: `You grade answers. Rubric:\n${config.rubric}\n\nReply with a line "Score: N" where N is 0 to 10, then one sentence of reasons.`,
      },
      { role: 'user', content: `Question:\n${question}\n\nAnswer to grade:\n${answer}` },
    ],
  };
}

/**
 * A 0..1 score from a judge's reply: `{"score": 8}`, `Score: 8/10`, `8 out of 10`, `Rating: 0.8`, `80%`
 * or a lone number. Plain numbers above 1 are read on a 0–10 scale (0–100 above 10).
 */
export function parseJudgeScore(reply: string): number | undefined {
  const patterns = [
    /"score"\s*:\s*"?(\d+(?:\.\d+)?)/i,
    /\b(?:score|rating|grade)\b\s*(?:is|of)?\s*[:=\-–]?\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+)|out of\s*(\d+)|(%))?/i,
    /(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+)|out of\s*(\d+)|(%))/i,
    /^\s*(\d+(?:\.\d+)?)\s*$/m,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(reply);
    if (!match?.[1]) continue;
    const value = Number(match[1]);
    const scale = match[2] ?? match[3];
    if (scale !== undefined) return clampUnit(value / Number(scale));
    if (match[4] === '%') return clampUnit(value / 100);
    return clampUnit(value <= 1 ? value : value <= 10 ? value / 10 : value / 100);
  }
  return undefined;
}

function clampUnit(value: number): number | undefined {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : undefined;
}
