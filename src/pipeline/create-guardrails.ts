import type { GuardrailsConfig } from '../config/guardrails.js';
import { compileRules } from '../governance/guardrails/rules.js';
import type { ChatCall, ChatOutcome, Stage } from './call.js';
import { named } from './call.js';
import { guardChat } from './stages/guardrails.js';

/** The guardrail layer: its stage, or nothing at all when no rule is configured. */
export interface Guardrails {
  stage: Stage<ChatCall, ChatOutcome> | undefined;
}

/** Compiles the configured guardrail rules into the chat stage. */
export function createGuardrails(config: GuardrailsConfig): Guardrails {
  if (config.rules.length === 0) return { stage: undefined };
  return {
    stage: named(
      'guardrails',
      guardChat({ rules: compileRules(config), windowChars: config.stream_window_chars }),
    ),
  };
}
