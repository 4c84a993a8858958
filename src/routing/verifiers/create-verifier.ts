import type { VerifierConfig } from '../../config/verifiers.js';
import { createConfidenceVerifier } from './confidence.js';
import { createContainsVerifier } from './contains.js';
import { createCustomVerifier } from './custom.js';
import { createGroundedVerifier } from './grounded.js';
import { createJsonSchemaVerifier } from './json-schema.js';
import { createLlmJudgeVerifier } from './llm-judge.js';
import { createRegexVerifier } from './regex.js';
import { createSelfConsistencyVerifier } from './self-consistency.js';
import type { Verifier } from './verifier.js';

/** Options that are not part of a verifier's config. */
export interface CreateVerifierOptions {
  /** Where relative `custom` module paths are resolved from (the config file's folder); default cwd. */
  baseDirectory?: string;
}

/** Builds the verifier a config entry describes; a bad pattern throws `config_invalid` at build time. */
export function createVerifier(config: VerifierConfig, options: CreateVerifierOptions = {}): Verifier {
  switch (config.type) {
    case 'json_schema':
      return createJsonSchemaVerifier(config);
    case 'regex':
      return createRegexVerifier(config);
    case 'contains':
      return createContainsVerifier(config);
    case 'self_consistency':
      return createSelfConsistencyVerifier(config);
    case 'confidence':
      return createConfidenceVerifier(config);
    case 'llm_judge':
      return createLlmJudgeVerifier(config);
    case 'grounded':
      return createGroundedVerifier(config);
    case 'custom':
      return createCustomVerifier(config, options.baseDirectory);
  }
}
