/**
 * Runs the docs questions over this checkout's docs and prints both halves' scores, with the tuning
 * half's failures (every outcome with `--verbose`).
 */
import { packageRoot } from '../../src/knowledge/project-docs.js';
import { type DocsHalfScores, runDocsQa } from './docs-qa.js';

const report = await runDocsQa(packageRoot());
const verbose = process.argv.includes('--verbose');
for (const outcome of report.outcomes) {
  if (verbose || (!outcome.passed && outcome.half === 'tuning')) {
    console.log(`${outcome.passed ? 'pass' : 'FAIL'} ${outcome.half} ${outcome.id}: ${outcome.question}`);
    console.log(`     ${outcome.answer.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
}
const line = (name: string, half: DocsHalfScores) =>
  `${name}: ${half.answered}/${half.on_topic} answered with their fact (${((100 * half.answered) / half.on_topic).toFixed(1)}%), ${half.abstained}/${half.off_topic} off-topic abstained`;
console.log(line('tuning half', report.tuning));
console.log(line('held-out half', report.held_out));
