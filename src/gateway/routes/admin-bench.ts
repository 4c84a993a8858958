import type { FastifyInstance } from 'fastify';
import type { Stack } from '../../pipeline/stack.js';
import { latestBenchReport, routingBenchReportSchema } from '../../store/bench-reports.js';
import { needs } from '../route-table.js';

/**
 * `GET /admin/v1/bench/routing`: the latest report `strata bench routing` saved in the Strata home, or
 * `report: null` when none was saved (or it is not one this version can read).
 */
export function adminBenchRoutes(app: FastifyInstance, stack: Stack): void {
  app.get('/admin/v1/bench/routing', needs('routes:read'), async () => {
    const latest = latestBenchReport(stack.config.store.home, 'routing');
    const parsed = latest && routingBenchReportSchema.safeParse(latest.report);
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
