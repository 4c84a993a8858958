import type { RetrievalReport } from './run.js';

const columns: Array<[string, (report: RetrievalReport) => string]> = [
  ['dataset', (report) => report.dataset],
  ['mode', (report) => report.mode],
  ['docs', (report) => String(report.documents)],
  ['queries', (report) => String(report.queries)],
  ['nDCG@10', (report) => report.ndcg_at_10?.toFixed(4) ?? '-'],
  ['MAP', (report) => report.map?.toFixed(4) ?? '-'],
  ['R@100', (report) => report.recall_at_100?.toFixed(4) ?? '-'],
  ['MRR@10', (report) => report.mrr_at_10?.toFixed(4) ?? '-'],
  ['index ms', (report) => report.index_ms.toFixed(0)],
  ['p50 ms', (report) => report.query_p50_ms.toFixed(2)],
  ['p99 ms', (report) => report.query_p99_ms.toFixed(2)],
  ['index CPU ms', (report) => report.index_cpu_ms.toFixed(0)],
  ['p50 CPU ms', (report) => report.query_p50_cpu_ms.toFixed(2)],
  ['p99 CPU ms', (report) => report.query_p99_cpu_ms.toFixed(2)],
];

/** The reports as an aligned text table, one row per dataset and mode. */
export function formatRetrievalReports(reports: readonly RetrievalReport[]): string {
  const rows = [
    columns.map(([title]) => title),
    ...reports.map((report) => columns.map(([, cell]) => cell(report))),
  ];
  const widths = columns.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, index) =>
          index < 2 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
