/** Renders the grounded-QA bench report as plain text. */
import type { GroundedBenchReport } from './run.js';
import type { GroundedScores } from './score.js';

function row(cells: ReadonlyArray<string | number>, widths: readonly number[]): string {
  return cells.map((cell, index) => String(cell).padStart(widths[index] ?? 0)).join('  ');
}

const widths = [24, 6, 6, 6, 8, 8, 10, 10];

function scoreRow(label: string, scores: GroundedScores): string {
  return row(
    [
      label,
      scores.questions,
      scores.exact_match.toFixed(1),
      scores.f1.toFixed(1),
      scores.abstention_precision.toFixed(1),
      scores.abstention_recall.toFixed(1),
      scores.citations,
      `${scores.citation_validity.toFixed(1)}%`,
    ],
    widths,
  );
}

/** Formats the report: a header, the metrics per split and per question type, and latency. */
export function formatGroundedReport(report: GroundedBenchReport): string {
  const lines = [
    `${report.dataset}: ${report.model}, ${report.context === 'gold' ? 'gold context' : report.retrieval}, top ${report.top_k}` +
      (report.threshold === null ? '' : `, abstain below support ${report.threshold}`),
    `retrieval found ${report.retrieval_recall.toFixed(1)}% of the gold passages`,
    '',
    row(['', 'n', 'EM', 'F1', 'abst P', 'abst R', 'citations', 'valid'], widths),
    scoreRow('all', report.all),
    scoreRow('calibration half', report.calibration_half),
    scoreRow('held-out half', report.held_out_half),
  ];
  const types = Object.entries(report.by_type);
  if (types.length > 1) for (const [type, scores] of types) lines.push(scoreRow(type, scores));
  const calibrated = report.calibrated_threshold;
  if (calibrated !== null) {
    lines.push(
      '',
      `calibration half alone picks: ${calibrated.separating} (separation, Youden J ${calibrated.youden_j}, ` +
        `within one standard error of the peak J ${calibrated.best_youden_j} at ${calibrated.best_youden}); ` +
        `${calibrated.overall_f1_best} (best SQuAD 2.0 overall F1, ${calibrated.overall_f1})`,
    );
  }
  lines.push(
    '',
    `latency per question (retrieve + answer): p50 ${report.latency_p50_ms} ms, p99 ${report.latency_p99_ms} ms, mean ${report.latency_mean_ms} ms`,
    'EM/F1 over answerable questions (an abstention scores 0); abstention P/R with unanswerable questions as positives.',
  );
  return lines.join('\n');
}
