import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Stack } from '../../pipeline/stack.js';
import { latestBenchReport } from '../../store/bench-reports.js';
import { spendsNothing } from '../route-table.js';

/** The parts of a saved routing-bench report the API shows: the dataset, the best single model, each policy. */
const routingReportSchema = z.object({
  data: z.string(),
  test_split: z.string(),
  test_queries: z.number(),
  best_single: z.object({ model: z.string(), accuracy: z.number(), cost_per_1k: z.number() }),
  policies: z.array(
    z.object({
      name: z.string(),
      family: z.string(),
      accuracy: z.number(),
      cost_per_1k: z.number(),
      escalation_rate: z.number(),
      oracle: z.boolean().optional(),
    }),
  ),
});

/**
 * `GET /admin/v1/bench/routing`: the latest report `strata bench routing` saved in the Strata home, or
 * `report: null` when none was saved (or it is not one this version can read).
 */
export function adminBenchRoutes(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/bench/routing', spendsNothing, async () => {
    const latest = latestBenchReport(stack.config.store.home, 'routing');
    const parsed = latest && routingReportSchema.safeParse(latest.report);
    const report = parsed?.success ? parsed.data : null;
    return {
      object: 'bench_report',
      bench: 'routing',
      saved_at: report && latest ? latest.savedAt : null,
      report: report && {
        ...report,
        policies: report.policies.map((policy) => ({ ...policy, oracle: policy.oracle === true })),
      },
    };
  });
}
