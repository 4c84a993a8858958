import type { ExperimentReport } from './experiment-service.js';

/**
 * A self-contained HTML page of a run (no scripts, no external files): the gate, each variant's
 * aggregates, the paired comparisons, and every case side by side with each variant's answer and verdicts.
 */
export function htmlReport(report: ExperimentReport): string {
  const { summary, run } = report;
  const labels = summary.variants.map((variant) => variant.label);
  const keys = [...new Set(run.results.map((result) => result.key))];
  const byCell = new Map(run.results.map((result) => [`${result.key}\u0000${result.variant}`, result]));
  const variantRows = summary.variants
    .map(
      (variant) => `<tr><th scope="row">${escapeHtml(variant.label)}</th><td>${escapeHtml(variant.model)}</td>
<td>${variant.passed}/${variant.items} (${percent(variant.passRate)})</td><td>${variant.meanScore.toFixed(3)}</td>
<td>${usd(variant.costUsd)}${variant.unpriced > 0 ? ` (+${variant.unpriced} unpriced)` : ''}</td>
<td>${variant.latencyMs.p50.toFixed(0)} / ${variant.latencyMs.p95.toFixed(0)} ms</td><td>${variant.errors}</td></tr>`,
    )
    .join('\n');
  const comparisonRows = summary.comparisons
    .map(
      (comparison) => `<tr><td>${escapeHtml(comparison.candidate)} vs ${escapeHtml(comparison.baseline)}</td>
<td>${signed(comparison.meanDifference)}</td><td>[${signed(comparison.interval[0])}, ${signed(comparison.interval[1])}]</td>
<td>${comparison.wins} / ${comparison.losses} / ${comparison.ties}</td><td>${comparison.significant ? 'yes' : 'no'}</td></tr>`,
    )
    .join('\n');
  const caseRows = keys
    .map((key) => {
      const cells = labels.map((label) => {
        const result = byCell.get(`${key}\u0000${label}`);
        if (!result) return '<td class="skip">not run</td>';
        const failing = result.assertions.filter((assertion) => !assertion.pass);
        const why =
          result.error ?? failing.map((assertion) => `${assertion.type}: ${assertion.reason}`).join('\n');
        return `<td class="${result.pass ? 'pass' : 'fail'}"><strong>${result.pass ? 'PASS' : 'FAIL'}</strong> ${result.score.toFixed(2)}
<pre>${escapeHtml(result.output)}</pre>${why ? `<p class="why">${escapeHtml(why)}</p>` : ''}</td>`;
      });
      return `<tr><th scope="row">${escapeHtml(key)}</th>${cells.join('')}</tr>`;
    })
    .join('\n');
  const gate = report.gate.passed
    ? '<p class="pass gate">Gate passed.</p>'
    : `<div class="fail gate"><p>Gate failed:</p><ul>${report.gate.failures.map((failure) => `<li>${escapeHtml(failure)}</li>`).join('')}</ul></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.name)} — Strata eval</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}
.pass{background:#e7f6ea}.fail{background:#fde8e8}.skip{color:#777}pre{white-space:pre-wrap;margin:.3rem 0;font-size:13px}
.why{font-size:12px;color:#5a2020;white-space:pre-wrap;margin:0}.gate{padding:.5rem 1rem}
</style></head><body>
<h1>${escapeHtml(report.name)}</h1>
<p>Experiment <code>${escapeHtml(report.id)}</code>${report.dataset ? `, dataset ${escapeHtml(report.dataset.name)} v${report.dataset.version}` : ''}; ${run.results.length} results, spent ${usd(run.spentUsd)}${run.stopReason ? `; stopped: ${escapeHtml(run.stopReason)}` : ''}.</p>
${gate}
<h2>Variants</h2>
<table><thead><tr><th>Variant</th><th>Model</th><th>Passed</th><th>Mean score</th><th>Cost</th><th>Latency p50 / p95</th><th>Errors</th></tr></thead>
<tbody>${variantRows}</tbody></table>
${
  summary.comparisons.length > 0
    ? `<h2>Paired comparisons (bootstrap 95% interval)</h2>
<table><thead><tr><th>Comparison</th><th>Mean score difference</th><th>95% interval</th><th>Wins / losses / ties</th><th>Significant</th></tr></thead>
<tbody>${comparisonRows}</tbody></table>`
    : ''
}
<h2>Side by side</h2>
<table><thead><tr><th>Case</th>${labels.map((label) => `<th>${escapeHtml(label)}</th>`).join('')}</tr></thead>
<tbody>${caseRows}</tbody></table>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function usd(value: number): string {
  return `$${value.toFixed(6)}`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
