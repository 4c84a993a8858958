import type { GuardrailsReport } from './run.js';
import type { EntityScore } from './score.js';

const percent = (value: number) => value.toFixed(3);

function row(score: EntityScore): string {
  const labelled = score.truePositives + score.falseNegatives;
  return `${score.entity.padEnd(18)} ${percent(score.precision).padStart(9)} ${percent(score.recall).padStart(7)} ${String(labelled).padStart(8)} ${String(score.falsePositives).padStart(4)} ${String(score.falseNegatives).padStart(4)}`;
}

/** The report as text: per-entity table, group totals, injection results with false positives, CPU. */
export function formatGuardrailsReport(report: GuardrailsReport): string {
  const lines = [
    `guardrail corpus, ${report.split} split: ${report.strings} strings`,
    `${'entity'.padEnd(18)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'labelled'.padStart(8)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}`,
    ...report.entities.map(row),
    row(report.structuredPii),
    row(report.secrets),
  ];
  if (report.errors.length > 0) {
    lines.push('', 'errors:');
    for (const error of report.errors)
      lines.push(`  ${error.id} ${error.kind} ${error.entity}: ${JSON.stringify(error.text)}`);
  }
  const { injection } = report;
  lines.push(
    '',
    `prompt injection (${injection.strings} strings, threshold ${injection.threshold}): precision ${percent(injection.precision)}, recall ${percent(injection.recall)}`,
  );
  for (const entry of injection.falsePositives)
    lines.push(`  false positive ${entry.id} (${entry.score}): ${JSON.stringify(entry.text)}`);
  for (const entry of injection.falseNegatives)
    lines.push(`  missed ${entry.id} (${entry.score}): ${JSON.stringify(entry.text)}`);
  lines.push('', 'CPU of PII + secrets + injection detectors:');
  for (const entry of report.cpu)
    lines.push(
      `  ${entry.text.padEnd(7)} ${entry.microsecondsPerKb} µs per KB (${entry.kilobytes} KB scanned)`,
    );
  return lines.join('\n');
}
