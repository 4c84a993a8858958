import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The parts of a kept routing-bench report that the admin API reads back: the dataset, the best single
 * model and each policy. A report `strata bench routing` writes must satisfy it (checked where it is saved).
 */
export const routingBenchReportSchema = z.object({
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

/** Benches whose latest report is kept in the Strata home for the admin API and the dashboard. */
export type BenchName = 'routing';

/** Where a bench's latest report lives: a JSON file in the Strata home, beside the SQLite database. */
export function benchReportPath(home: string, bench: BenchName): string {
  return join(resolve(home), 'bench', `${bench}.json`);
}

/**
 * Keeps `report` as the bench's latest, with when it was saved. Written to a temporary file and renamed,
 * so a reader never sees half a report.
 */
export function saveBenchReport(home: string, bench: BenchName, report: unknown): string {
  const path = benchReportPath(home, bench);
  mkdirSync(join(resolve(home), 'bench'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ saved_at: new Date().toISOString(), report }));
  renameSync(temporary, path);
  return path;
}

/** The bench's latest report and when it was saved; undefined when none was saved or it cannot be read. */
export function latestBenchReport(
  home: string,
  bench: BenchName,
): { savedAt: string; report: unknown } | undefined {
  const path = benchReportPath(home, bench);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { saved_at?: unknown; report?: unknown };
    if (typeof parsed.saved_at !== 'string' || parsed.report === undefined) return undefined;
    return { savedAt: parsed.saved_at, report: parsed.report };
  } catch {
    return undefined;
  }
}
