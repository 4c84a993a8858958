import type { GuardrailsConfig } from '../config/guardrails.js';
import { compileRules } from '../governance/guardrails/rules.js';
import type { ChatCall, ChatOutcome, EmbeddingCall, EmbeddingOutcome, Stage } from './call.js';
import { named } from './call.js';
import { guardChat, guardEmbedding } from './stages/guardrails.js';

/** The guardrail layer: its stages, or none at all when no rule is configured. */
export interface Guardrails {
  stage: Stage<ChatCall, ChatOutcome> | undefined;
  /** The input rules over embeddings texts; absent when no rule checks input. */
  embeddingStage: Stage<EmbeddingCall, EmbeddingOutcome> | undefined;
}

/** Compiles the configured guardrail rules into the chat and embeddings stages. */
export function createGuardrails(config: GuardrailsConfig): Guardrails {
  if (config.rules.length === 0) return { stage: undefined, embeddingStage: undefined };
  const rules = compileRules(config);
  return {
    stage: named('guardrails', guardChat({ rules, windowChars: config.stream_window_chars })),
    embeddingStage: rules.some((rule) => rule.input) ? named('guardrails', guardEmbedding(rules)) : undefined,
  };
}
