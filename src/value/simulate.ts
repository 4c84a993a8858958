import { z } from 'zod';
import { identifier } from '../config/identifier.js';
import { StrataError } from '../core/errors.js';
import { costOf } from '../tokens/cost/cost-of.js';
import type { Price } from '../tokens/price.js';
import type { JoinedRequest } from './value-join.js';
import { answers } from './value-metrics.js';

/** The simulator's inputs: volume, tokens (or a period of real traffic), candidates and the money. */
export const simulationSchema = z.strictObject({
  daily_volume: z.number().int().min(1).max(1e9),
  days_per_month: z.number().min(1).max(31).default(30),
  tokens: z
    .strictObject({ input: z.number().min(0).max(1e7), output: z.number().min(0).max(1e7) })
    .optional()
    .describe('Tokens per request; without it, the average of `ledger_period` of real traffic.'),
  ledger_period: z
    .string()
    .regex(/^\d{1,4}[hd]$/)
    .optional(),
  candidates: z
    .array(
      z.strictObject({
        model: identifier(200),
        success_rate: z.number().min(0).max(1),
        attempts_per_request: z.number().min(1).max(20).default(1),
        cost_per_request_usd: z
          .number()
          .min(0)
          .max(1e6)
          .optional()
          .describe(
            'A measured cost per request (every attempt included); without it, tokens at catalog prices.',
          ),
      }),
    )
    .min(1)
    .max(20),
  value_per_success_usd: z.number().min(0).max(1e9),
  human_cost_per_task_usd: z.number().min(0).max(1e9).default(0),
});

/** Validated simulator inputs. */
export type SimulationInput = z.output<typeof simulationSchema>;

/** One row of the sensitivity table: the ROI when one uncertain input is moved low and high. */
export interface Sensitivity {
  input: string;
  low: string;
  high: string;
  roi_low: number | null;
  roi_high: number | null;
}

/** The forecast for one candidate. */
export interface CandidateForecast {
  model: string;
  cost_per_request_usd: number;
  monthly_requests: number;
  monthly_cost_usd: number;
  monthly_successes: number;
  cpso_usd: number | null;
  monthly_value_usd: number;
  roi: number | null;
  /** What the human process costs a month today, and with the model in front of it (failures go to people). */
  human_monthly_cost_usd: number;
  with_model_monthly_cost_usd: number;
  monthly_saving_vs_human_usd: number;
  /** The success rate at which value covers model cost. */
  break_even_success_rate: number | null;
  /** The success rate at which model plus human fallback costs what people alone cost. */
  break_even_vs_human_success_rate: number | null;
  sensitivity: Sensitivity[];
}

/** A business case: tokens used and one forecast per candidate. */
export interface Simulation {
  tokens: { input: number; output: number; source: string };
  candidates: CandidateForecast[];
  assumptions: string[];
}

/** Average tokens per request of real traffic: the first attempt's prompt and the served answer. */
export function tokensOfTraffic(requests: readonly JoinedRequest[]): {
  input: number;
  output: number;
  count: number;
} {
  let input = 0;
  let output = 0;
  let count = 0;
  for (const joined of requests) {
    const first = joined.attempts.find((row) => row.purpose !== 'cache_hit');
    const served = joined.attempts.findLast(
      (row) => row.status < 400 && row.purpose !== 'cache_hit' && answers(row.purpose),
    );
    if (!first || !served) continue;
    input += first.inputTokens + first.cachedInputTokens + first.cacheWriteTokens;
    output += served.outputTokens;
    count += 1;
  }
  return count === 0
    ? { input: 0, output: 0, count }
    : { input: input / count, output: output / count, count };
}

function forecast(
  input: SimulationInput,
  candidate: SimulationInput['candidates'][number],
  perRequest: number,
): Omit<CandidateForecast, 'sensitivity'> {
  const monthlyRequests = input.daily_volume * input.days_per_month;
  const monthlyCost = perRequest * monthlyRequests;
  const successes = monthlyRequests * candidate.success_rate;
  const value = successes * input.value_per_success_usd;
  const human = monthlyRequests * input.human_cost_per_task_usd;
  const withModel = monthlyCost + (monthlyRequests - successes) * input.human_cost_per_task_usd;
  return {
    model: candidate.model,
    cost_per_request_usd: perRequest,
    monthly_requests: monthlyRequests,
    monthly_cost_usd: monthlyCost,
    monthly_successes: successes,
    cpso_usd: successes > 0 ? monthlyCost / successes : null,
    monthly_value_usd: value,
    roi: monthlyCost > 0 ? (value - monthlyCost) / monthlyCost : null,
    human_monthly_cost_usd: human,
    with_model_monthly_cost_usd: withModel,
    monthly_saving_vs_human_usd: human - withModel,
    break_even_success_rate:
      input.value_per_success_usd > 0 ? Math.min(perRequest / input.value_per_success_usd, 1) : null,
    break_even_vs_human_success_rate:
      input.human_cost_per_task_usd > 0 ? Math.min(perRequest / input.human_cost_per_task_usd, 1) : null,
  };
}

/** Forecasts monthly cost, CPSO, ROI and break-even per candidate, with a sensitivity table. */
export function simulate(
  input: SimulationInput,
  tokens: { input: number; output: number; source: string },
  priceOf: (model: string) => Price | undefined,
): Simulation {
  const candidates = input.candidates.map((candidate): CandidateForecast => {
    const measured = candidate.cost_per_request_usd;
    const price = measured === undefined ? priceOf(candidate.model) : undefined;
    if (measured === undefined && !price)
      throw new StrataError('invalid_request', `The model \`${candidate.model}\` has no catalog price.`, {
        param: 'candidates',
      });
    const perRequest = (scale: number) =>
      measured !== undefined || price === undefined
        ? (measured ?? 0) * scale
        : costOf(
            {
              inputTokens: tokens.input * scale,
              outputTokens: tokens.output * scale,
              cachedInputTokens: 0,
              reasoningTokens: 0,
              estimated: true,
            },
            price,
          ).usd * candidate.attempts_per_request;
    const base = forecast(input, candidate, perRequest(1));
    const roiWith = (changed: SimulationInput, rate: number, scale: number) =>
      forecast(changed, { ...candidate, success_rate: rate }, perRequest(scale)).roi;
    const rate = candidate.success_rate;
    const low = Math.max(rate - 0.1, 0);
    const high = Math.min(rate + 0.1, 1);
    const value = input.value_per_success_usd;
    return {
      ...base,
      sensitivity: [
        {
          input: 'success rate',
          low: low.toFixed(2),
          high: high.toFixed(2),
          roi_low: roiWith(input, low, 1),
          roi_high: roiWith(input, high, 1),
        },
        {
          input: 'value per success',
          low: (value * 0.5).toFixed(2),
          high: (value * 1.5).toFixed(2),
          roi_low: roiWith({ ...input, value_per_success_usd: value * 0.5 }, rate, 1),
          roi_high: roiWith({ ...input, value_per_success_usd: value * 1.5 }, rate, 1),
        },
        {
          input: 'tokens per request',
          // More tokens is the pessimistic side.
          low: '×2',
          high: '×0.5',
          roi_low: roiWith(input, rate, 2),
          roi_high: roiWith(input, rate, 0.5),
        },
      ],
    };
  });
  return {
    tokens,
    candidates,
    assumptions: [
      `Tokens per request: ${Math.round(tokens.input)} in, ${Math.round(tokens.output)} out (${tokens.source}), priced at catalog list prices without prompt-cache discounts.`,
      'Each failed request falls back to the human process at its full cost per task.',
      'ROI is (value of successes − model cost) / model cost; human cost is compared separately.',
      'The sensitivity rows move one input at a time: success rate ±10 points, value per success ±50%, tokens ×0.5 and ×2 (low is the pessimistic side).',
    ],
  };
}
