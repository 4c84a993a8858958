/** Renders a gateway bench report as a plain-text table for people. */
import type { GatewayBenchReport, TargetName } from './report.js';

const order: TargetName[] = ['direct', 'bare', 'strata'];
const headings = ['target', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'RSS MiB', 'errors'];

function ratio(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}x`;
}

/** The report as an aligned table, followed by the ratios and the goal verdict. */
export function formatGatewayReport(report: GatewayBenchReport): string {
  const rows: string[][] = [];
  const failures: string[] = [];
  for (const name of order) {
    const target = report.targets[name];
    if (!target.ok) {
      rows.push([name, 'failed', '', '', '', '', '']);
      failures.push(`${name}: ${target.error}`);
      continue;
    }
    rows.push([
      name,
      target.requests_per_second.toFixed(0),
      target.latency_ms.p50.toFixed(2),
      target.latency_ms.p99.toFixed(2),
      target.cpu_us_per_request.toFixed(1),
      target.peak_rss_mib.toFixed(1),
      String(target.errors),
    ]);
  }
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // The target name reads best left-aligned, the numbers right-aligned.
  const pad = (cell: string, column: number): string =>
    column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
  const line = (cells: string[]): string => cells.map(pad).join('  ');
  const { config, ratios, goal } = report;
  const verdict = goal.met === null ? 'not measured' : goal.met ? 'met' : 'NOT met';
  return [
    `gateway overhead, ${config.mode} responses, ${config.connections} connections, ` +
      `${config.rounds} x ${config.duration_seconds} s (+${config.warmup_seconds} s warm-up) per target`,
    '',
    line(headings),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `strata CPU/request vs bare:  ${ratio(ratios.strata_full_vs_bare)}  (goal <= ${goal.max}x: ${verdict})`,
    `strata p50 latency vs bare:  ${ratio(ratios.strata_latency_p50_vs_bare)}`,
    `strata p99 latency vs bare:  ${ratio(ratios.strata_latency_p99_vs_bare)}`,
    `strata req/s vs bare:        ${ratio(ratios.strata_rps_vs_bare)}`,
    ...failures.map((failure) => `\n${failure}`),
  ].join('\n');
}
