import type { ExperimentResults } from './experiment-results.js';
import type { Saving } from './savings.js';
import type { ValueGroup } from './value-metrics.js';
import type { ValueWindow } from './window.js';

/** What the ROI report shows. */
export interface RoiReportData {
  window: ValueWindow;
  generatedAt: string;
  total: ValueGroup | undefined;
  days: ValueGroup[];
  savings: Saving[];
  experiments: ExperimentResults[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Dollars for a reader: cents above a dollar, four significant digits below. */
export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  const sign = value < 0 ? '−' : '';
  const size = Math.abs(value);
  if (size === 0) return '$0.00';
  return `${sign}$${size >= 1 ? size.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : size.toPrecision(4)}`;
}

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(1)}%`;

/** The one-paragraph summary in words. */
export function summaryOf(data: RoiReportData): string {
  const total = data.total;
  const period = `${data.window.from.slice(0, 10)} to ${data.window.to.slice(0, 10)}`;
  if (!total || total.requests === 0) return `No model calls were recorded from ${period}.`;
  const saved = data.savings.reduce((sum, saving) => sum + Math.max(saving.saved_usd, 0), 0);
  const parts = [
    `From ${period}, Strata served ${total.requests.toLocaleString('en-US')} requests (${total.attempts.toLocaleString('en-US')} provider attempts, retries and checks included) for ${money(total.cost_usd)}.`,
    total.outcomes === 0
      ? 'No business outcomes were reported, so value and cost per successful outcome cannot be measured yet.'
      : `Applications reported ${total.outcomes.toLocaleString('en-US')} outcomes, ${total.successes.toLocaleString('en-US')} of them successful (${percent(total.success_rate)}), worth ${money(total.value_usd)} in total.`,
    total.cpso_usd === null ? '' : `Each successful outcome cost ${money(total.cpso_usd)} in model spend.`,
    total.roi === null || total.outcomes === 0
      ? ''
      : `The return on model spend was ${percent(total.roi)}: value minus cost, divided by cost.`,
    saved > 0 ? `Savings, on the assumptions stated below, came to ${money(saved)}.` : '',
  ];
  return parts.filter((part) => part !== '').join(' ');
}

/** A line chart of one or two series over days, as inline SVG with labelled axes. */
function lineChart(
  title: string,
  days: readonly string[],
  series: Array<{ name: string; values: Array<number | null>; color: string; dash?: string }>,
): string {
  const width = 640;
  const height = 220;
  const left = 70;
  const bottom = 30;
  const all = series.flatMap((line) => line.values.filter((value): value is number => value !== null));
  const top = Math.max(...all, 0) || 1;
  const x = (index: number) =>
    left + (days.length <= 1 ? 0 : (index / (days.length - 1)) * (width - left - 10));
  const y = (value: number) => height - bottom - (value / top) * (height - bottom - 28);
  const paths = series
    .map((line) => {
      const points = line.values
        .map((value, index) => (value === null ? null : `${x(index).toFixed(1)},${y(value).toFixed(1)}`))
        .filter((point) => point !== null);
      return `<polyline fill="none" stroke="${line.color}" stroke-width="2"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''} points="${points.join(' ')}"/>`;
    })
    .join('');
  const legend = series
    .map(
      (line, index) =>
        `<text x="${left + index * 160}" y="12" font-size="12" fill="${line.color}">${line.dash ? '- - ' : '—— '}${escapeHtml(line.name)}</text>`,
    )
    .join('');
  const first = days[0] ?? '';
  const last = days.at(-1) ?? '';
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
${legend}<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#888"/><line x1="${left}" y1="28" x2="${left}" y2="${height - bottom}" stroke="#888"/>
<text x="${left - 6}" y="${y(top) + 4}" font-size="11" text-anchor="end">${escapeHtml(money(top))}</text><text x="${left - 6}" y="${height - bottom}" font-size="11" text-anchor="end">$0</text>
<text x="${left}" y="${height - 8}" font-size="11">${escapeHtml(first)}</text><text x="${width - 10}" y="${height - 8}" font-size="11" text-anchor="end">${escapeHtml(last)}</text>
${paths}</svg></figure>`;
}

function savingsTable(savings: readonly Saving[]): string {
  const rows = savings
    .map(
      (saving) =>
        `<tr><th scope="row">${escapeHtml(saving.kind)}</th><td>${money(saving.saved_usd)}</td><td>${money(saving.actual_usd)}</td><td>${money(saving.baseline_usd)}</td><td>${saving.requests}</td><td>${escapeHtml(saving.assumption)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th scope="col">Saving</th><th scope="col">Saved</th><th scope="col">What ran</th><th scope="col">Alternative</th><th scope="col">Requests</th><th scope="col">Assumption</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const interval = (value: { low: number; high: number } | null, format: (n: number) => string) =>
  value === null ? 'n/a' : `${format(value.low)} – ${format(value.high)}`;

function experimentSection(result: ExperimentResults): string {
  const rows = result.variants
    .map((variant) => {
      const test = variant.versus_control;
      const verdict = !test
        ? 'control'
        : test.p_value === null
          ? 'not enough data'
          : `${(test.difference * 100).toFixed(1)} pts, p = ${test.p_value.toPrecision(2)}${test.significant === true ? ' (significant)' : test.significant === false ? ' (not significant)' : ' (interim)'}`;
      return `<tr><th scope="row">${escapeHtml(variant.variant)}</th><td>${variant.requests}</td><td>${variant.successes}/${variant.outcomes}</td><td>${percent(variant.success_rate)}</td><td>${interval(variant.success_rate_interval, percent)}</td><td>${money(variant.cpso_usd)}</td><td>${interval(variant.cpso_interval, money)}</td><td>${money(variant.cost_usd)}</td><td>${variant.mean_latency_ms === null ? 'n/a' : `${Math.round(variant.mean_latency_ms)} ms`}</td><td>${escapeHtml(verdict)}</td></tr>`;
    })
    .join('');
  return `<section><h3>Experiment ${escapeHtml(result.id)} on ${escapeHtml(result.target)} (${escapeHtml(result.status)})</h3><p>${escapeHtml(result.conclusion)} Fixed horizon: ${result.horizon} outcomes per variant; significance level ${Math.round(result.alpha * 100)}% two-sided; intervals are 95% bootstrap intervals.</p>
<table><thead><tr><th scope="col">Variant</th><th scope="col">Requests</th><th scope="col">Successes</th><th scope="col">Success rate</th><th scope="col">95% interval</th><th scope="col">CPSO</th><th scope="col">95% interval</th><th scope="col">Cost</th><th scope="col">Mean latency</th><th scope="col">Versus control</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The ROI report as one self-contained HTML page: no scripts, fonts or images from elsewhere. */
export function renderRoiReport(data: RoiReportData): string {
  const days = data.days.map((day) => day.group ?? '');
  const spendValue = lineChart('Spend and value per day', days, [
    { name: 'spend', values: data.days.map((day) => day.cost_usd), color: '#b4441b' },
    { name: 'value', values: data.days.map((day) => day.value_usd), color: '#1b6b3a', dash: '6 4' },
  ]);
  const cpso = lineChart('Cost per successful outcome per day', days, [
    { name: 'CPSO', values: data.days.map((day) => day.cpso_usd), color: '#1d4f91' },
  ]);
  const total = data.total;
  const figures = total
    ? `<dl><dt>Spend</dt><dd>${money(total.cost_usd)}</dd><dt>Value</dt><dd>${money(total.value_usd)}</dd><dt>Cost per successful outcome</dt><dd>${money(total.cpso_usd)}</dd><dt>Success rate</dt><dd>${percent(total.success_rate)}</dd><dt>ROI</dt><dd>${percent(total.roi)}</dd><dt>Cost per request</dt><dd>${money(total.cost_per_request_usd)}</dd></dl>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strata ROI report, ${escapeHtml(data.window.from.slice(0, 10))} to ${escapeHtml(data.window.to.slice(0, 10))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;font-size:.9rem;vertical-align:top}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}figure{margin:1rem 0}svg{max-width:100%;height:auto}figcaption{font-weight:600}</style></head>
<body><h1>Return on AI spend</h1><p><small>Generated ${escapeHtml(data.generatedAt)} for ${escapeHtml(data.window.from)} to ${escapeHtml(data.window.to)}.</small></p>
<section><h2>Summary</h2><p id="summary">${escapeHtml(summaryOf(data))}</p>${figures}</section>
<section><h2>Spend and value over time</h2>${spendValue}${cpso}</section>
<section><h2>Savings</h2>${savingsTable(data.savings)}</section>
<section><h2>Experiments</h2>${data.experiments.length === 0 ? '<p>No experiments ran in this period.</p>' : data.experiments.map(experimentSection).join('')}</section>
</body></html>`;
}
