import type { ChatRequest, ChatResponse } from '../../core/types.js';

/** A verifier's judgement of one answer. */
export interface Verdict {
  /** 0..1, higher is better. */
  score: number;
  /** True when the score reaches the verifier's threshold. */
  pass: boolean;
  /** One sentence a person can read in `x-strata-route`, the request log and the trace. */
  reason: string;
}

/** Why a verifier calls a model: both land in the ledger under this purpose. */
export type VerifierCallPurpose = 'verifier' | 'judge';

/** What a verifier may use besides the answer itself. */
export interface VerifyContext {
  /** Calls a model through the pipeline as part of the same request, accounted in the ledger. */
  chat(request: ChatRequest, purpose: VerifierCallPurpose): Promise<ChatResponse>;
  /**
   * Scores how well an answer is supported by the request's retrieved context (0..1 with a reason).
   * Supplied by the composition root when the knowledge layer is present; absent otherwise.
   */
  grounded?: (answer: string, request: ChatRequest) => Promise<{ score: number; reason: string }>;
  signal: AbortSignal;
}

/** Checks one answer; built from a `VerifierConfig`. */
export interface Verifier {
  /** The config `type`, e.g. `json_schema`. */
  readonly name: string;
  verify(request: ChatRequest, response: ChatResponse, context: VerifyContext): Promise<Verdict>;
}
