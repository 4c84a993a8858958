import type { BudgetCalibration } from './calibrate-budget.js';

/** One policy's measured result on the test split. */
export interface PolicyResult {
  name: string;
  family: string;
  /** Mean recorded score of the answers returned, as a fraction. */
  accuracy: number;
  /** USD per 1,000 queries, every call paid for (verifier calls included). */
  cost_per_1k: number;
  /** Share of queries a cascade escalated past its first tier. */
  escalation_rate: number;
  /** AIQ of the policy's family (its λ sweep, or the point alone). */
  aiq: number;
  /** Share of queries answered by the strongest model. */
  strongest_share: number;
  /** Calls per query through the pipeline. */
  calls_per_query: number;
  oracle?: boolean;
  note?: string;
}

/** The whole bench result, as `--json` prints it. */
export interface RoutingBenchReport {
  data: string;
  train_split: string;
  test_split: string;
  train_queries: number;
  test_queries: number;
  cost_kind: string;
  models: string[];
  strongest: string;
  cheapest: string;
  policies: PolicyResult[];
  families: Array<{ family: string; aiq: number; cost_per_1k_at_best_single_quality: number | null }>;
  zero_router_aiq: number;
  best_single: { model: string; accuracy: number; cost_per_1k: number };
  two_model: {
    weak: string;
    strong: string;
    apgr: number;
    cpt50: number;
    cpt80: number;
    points: Array<{ lambda: number; strong_share: number; accuracy: number; cost_per_1k: number }>;
  };
  /** The quietest of three timing passes over the test prompts, and every pass. */
  decision_overhead_ms: {
    p50: number;
    p99: number;
    samples: number;
    passes: Array<{ p50: number; p99: number }>;
    /** p99 over prompts of each prompt's fastest pass: the decision's own cost without preemption. */
    p99_of_per_prompt_minimum: number;
  };
  tuning: { k: number; prior: number; validation_aiq: number; validation_share: number };
  /** λs picked by cross-validation on train for the best accuracy at ≤ margin × budget (cv = train estimates). */
  calibration: BudgetCalibration & { folds: number; margin: number };
  skipped_verifiers: Array<{ verifier: string; reason: string }>;
  /** The generic targets: 97% of the strongest's accuracy at ≤ 30% of its cost; learned AIQ above the zero router. */
  targets: {
    quality_at_30_percent_cost: {
      met: boolean;
      policy: string | null;
      accuracy: number | null;
      cost_per_1k: number | null;
    };
    learned_aiq_beats_zero_router: boolean;
  };
  pipeline_calls: number;
  elapsed_seconds: number;
}
