/** Renders a gateway bench report as plain-text tables for people. */
import type { GatewayBenchReport, GatewayRatios, ModeReport } from './report.js';

function times(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}x`;
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  // The target name reads best left-aligned, the numbers right-aligned.
  const pad = (cell: string, column: number): string =>
    column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
  const [head = [], ...body] = rows;
  return [head, widths.map((width) => '-'.repeat(width)), ...body].map((cells) => cells.map(pad).join('  '));
}

function modeTable(mode: ModeReport, rates: number[], sideBySideRate: number): string[] {
  const headings = [
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    ...rates.flatMap((rate) => [`p50@${rate}/s`, `p99@${rate}/s`]),
    'TTFB ms',
    'CPU µs/req',
    'RSS idle',
    'RSS peak',
    'errors',
  ];
  const rows: string[][] = [headings];
  const failures: string[] = [];
  for (const [name, target] of Object.entries(mode.targets)) {
    if (!target.ok) {
      rows.push([name, target.skipped ? 'skipped' : 'failed', ...headings.slice(2).map(() => '')]);
      failures.push(`${name}: ${target.error.split('\n')[0]}`);
      continue;
    }
    rows.push([
      target.processes > 1 ? `${name} (${target.processes - 1} workers)` : name,
      target.requests_per_second.toFixed(0),
      target.latency_ms.p50.toFixed(2),
      target.latency_ms.p99.toFixed(2),
      ...rates.flatMap((rate) => {
        const at = target.fixed_rate.find((each) => each.rate === rate);
        return at === undefined ? ['', ''] : [at.p50.toFixed(2), at.p99.toFixed(2)];
      }),
      target.first_byte_ms.p50.toFixed(2),
      target.cpu_us_per_request.toFixed(1),
      target.idle_rss_mib.toFixed(1),
      target.peak_rss_mib.toFixed(1),
      String(target.errors),
    ]);
  }
  const { ratios } = mode;
  const added = ratios.strata_full_first_byte_added_ms;
  const interval = ratios.observability_cpu_vs_off_interval;
  return [
    `${mode.mode === 'json' ? 'JSON answers' : 'SSE streams'}`,
    '',
    ...table(rows),
    '',
    `strata_full CPU/request: ${times(ratios.strata_full_vs_bare)} bare, ${times(ratios.strata_full_vs_portkey)} portkey` +
      ` (strata_minimal ${times(ratios.strata_minimal_vs_bare)} bare, portkey ${times(ratios.portkey_vs_bare)} bare,` +
      ` a recording floor ${times(ratios.bare_recording_vs_bare)} bare)`,
    `observability (traces, metrics, logs) CPU/request: ${times(ratios.observability_cpu_vs_off)} of the same config with it off` +
      (interval ? ` (95% interval ${interval[0].toFixed(2)}–${interval[1].toFixed(2)} over the rounds)` : ''),
    ...sideBySideLine(ratios, sideBySideRate),
    ...partsLine(ratios),
    `strata_full time to first byte: ${added === null ? 'n/a' : `${added >= 0 ? '+' : ''}${added.toFixed(2)} ms`} over direct;` +
      ` req/s with workers vs one: ${times(ratios.workers_vs_one_rps)}`,
    ...failures,
  ];
}

/** The observability pair loaded side by side, or nothing when it was not. */
function sideBySideLine(ratios: GatewayRatios, rate: number): string[] {
  const paired = ratios.observability_side_by_side;
  if (!paired) return [];
  const interval = paired.interval;
  return [
    `observability side by side (both loaded at once, ${rate} req/s each): ${times(paired.ratio)}` +
      (interval ? ` (95% interval ${interval[0].toFixed(2)}–${interval[1].toFixed(2)} over the pairs)` : ''),
  ];
}

/** One line pricing each observability part that was measured, or none. */
function partsLine(ratios: GatewayRatios): string[] {
  const parts = Object.entries(ratios.observability_parts ?? {});
  if (parts.length === 0) return [];
  const priced = parts.map(
    ([part, paired]) =>
      `${part} ${times(paired.ratio)}` +
      (paired.interval ? ` (${paired.interval[0].toFixed(2)}–${paired.interval[1].toFixed(2)})` : ''),
  );
  return [`observability parts, strata_full CPU/request over it with the part off: ${priced.join(', ')}`];
}

/** The report as one table per mode, followed by the ratios and the goals. */
export function formatGatewayReport(report: GatewayBenchReport): string {
  const { config } = report;
  const lines = [
    `gateway race: ${config.connections} connections, ${config.rounds} x ${config.duration_seconds} s at saturation ` +
      `(+${config.warmup_seconds} s warm-up), ${config.rate_duration_seconds} s at each of ${config.rates.join(', ')} req/s, ` +
      `first byte over ${config.first_byte_requests} sequential requests`,
  ];
  for (const mode of report.modes) lines.push('', ...modeTable(mode, config.rates, config.side_by_side_rate));
  lines.push('', 'goals:');
  for (const goal of report.goals) {
    const verdict = goal.met === null ? 'not measured' : goal.met ? 'met' : 'NOT met';
    const value = goal.value === null ? 'n/a' : String(goal.value);
    lines.push(`  ${goal.goal}: ${value} (goal: ${goal.comparison} ${goal.limit}): ${verdict}`);
  }
  return lines.join('\n');
}
