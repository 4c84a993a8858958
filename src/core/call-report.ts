/** Token counts of one model call, normalised across providers. */
export interface ReportUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  estimated: boolean;
}

/** One provider attempt of a call, as observability sees it. */
export interface ReportAttempt {
  attempt: number;
  /** `primary`, `retry`, `fallback`, `hedge`, `escalation`, `verifier`, `judge` or `cache_hit`. */
  purpose: string;
  /** The configured provider's name and kind, e.g. `openai` / `openai`. */
  provider: string;
  providerKind: string;
  model: string;
  status: number;
  errorCode: string | null;
  /** Epoch milliseconds (fractional). */
  startedAt: number;
  endedAt: number;
  usage: ReportUsage;
  costUsd: number | null;
}

/** A pipeline stage that ran for the call, with when it did its part before handing on. */
export interface ReportStage {
  name: string;
  startedAt: number;
  endedAt: number;
}

/** A verifier's verdict on a cascade tier's answer. */
export interface ReportVerdict {
  tier: number;
  verifier: string;
  score: number;
  pass: boolean;
  reason?: string | undefined;
}

/** A guardrail rule's verdict on a call: where it looked, what it found (entity names, never values). */
export interface ReportGuardrail {
  rule: string;
  /** `input` (the prompt, before the call) or `output` (the answer, or a stream as it went). */
  side: 'input' | 'output';
  /** `pass` when the rule found nothing; otherwise the rule's action, taken. */
  outcome: 'pass' | 'block' | 'redact' | 'mask' | 'flag';
  entities: string[];
  /** The prompt-injection score, for rules that score injections. */
  score: number | undefined;
  /** Epoch milliseconds; a stream's verdict spans the time spent checking its chunks, from the first. */
  startedAt: number;
  endedAt: number;
}

/**
 * Everything observability records of one finished call: built once by the pipeline when the call's
 * request-log row is, read by traces, metrics and logs. Times are epoch milliseconds.
 */
export interface CallReport {
  requestId: string;
  traceId: string;
  /** The caller's span (incoming `traceparent`) the call's root span is a child of. */
  parentSpanId: string | undefined;
  sessionId: string | undefined;
  /** `chat` or `embeddings`, as `gen_ai.operation.name` says it. */
  operation: 'chat' | 'embeddings';
  endpoint: string;
  startedAt: number;
  endedAt: number;
  requestedModel: string;
  /** The generation settings the caller asked for. */
  settings: {
    maxTokens: number | undefined;
    temperature: number | undefined;
    topP: number | undefined;
    stream: boolean;
  };
  status: number;
  errorCode: string | null;
  provider: string | null;
  providerKind: string | null;
  servedModel: string | null;
  finishReasons: string[];
  usage: ReportUsage | undefined;
  costUsd: number | null;
  ttftMs: number | undefined;
  who: {
    keyId: string;
    keyName: string | null;
    team: string | null;
    user: string | null;
    tags: string[];
    feature: string | null;
  };
  route: { name: string; plan: string; decisions: string[]; escalations: string[] } | undefined;
  cacheHit: { savedUsd: number | null } | undefined;
  stages: ReportStage[];
  attempts: ReportAttempt[];
  verdicts: ReportVerdict[];
  /** Guardrail verdicts, one per rule and side that ran; absent in reports stored before guardrails. */
  guardrails?: ReportGuardrail[];
  /** Prompt and answer, only when content capture is on; already cut to the configured size. */
  content: { input: string; output: string } | undefined;
}

/** Receives every finished call; must return at once and do its work off the request path. */
export interface CallObserver {
  observe(report: CallReport): void;
  /** Writes or sends everything observed so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
