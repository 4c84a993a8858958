import type { ChatRequest, ChatResponse } from '../../core/types.js';
import type { Verdict, VerifyContext } from '../../routing/verifiers/verifier.js';

export type { Verdict } from '../../routing/verifiers/verifier.js';

/** The answer an assertion judges, with what the call cost and how long it took. */
export interface AssertionSubject {
  /** The answer's text. */
  output: string;
  request: ChatRequest;
  response: ChatResponse;
  /** The dataset item's expected output, when it has one. */
  expected?: string | undefined;
  /** The test's variables, for templated values and custom code. */
  vars: Readonly<Record<string, unknown>>;
  /** USD; null when the call's price is unknown. */
  costUsd: number | null;
  latencyMs: number;
}

/**
 * What an assertion may use besides the answer: the routing verifiers' context (model calls through the
 * pipeline, the knowledge layer's groundedness check) plus embeddings where a model is configured.
 */
export interface AssertionContext extends VerifyContext {
  /** Embeds texts through the pipeline; absent when no embedding model is configured. */
  embed?: (texts: string[]) => Promise<number[][]>;
}

/** One built assertion: the routing layer's verifiers are assertions that ignore `expected` and cost. */
export interface Assertion {
  /** The config `type`, e.g. `icontains-any` or `not-regex`. */
  readonly type: string;
  /** The name results are grouped by (`metric` in config, else the type). */
  readonly metric: string;
  /** Its weight in the test's weighted score. */
  readonly weight: number;
  evaluate(subject: AssertionSubject, context: AssertionContext): Promise<Verdict>;
}
