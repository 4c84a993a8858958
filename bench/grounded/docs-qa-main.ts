/**
 * Runs the tuning docs questions over this checkout's docs and prints their score with their failures
 * (every outcome with `--verbose`). `--test` runs the fresh test set instead: it was written before any
 * tuning and is meant to be measured once, so no tuning run should read it.
 */
import { packageRoot } from '../../src/knowledge/project-docs.js';
import {
  type DocsHalfScores,
  docsQuestionsPath,
  freshDocsQuestionsPath,
  loadDocsQuestions,
  runDocsQa,
} from './docs-qa.js';

const testSet = process.argv.includes('--test');
const verbose = process.argv.includes('--verbose');
const questions = loadDocsQuestions(testSet ? freshDocsQuestionsPath : docsQuestionsPath);
const report = await runDocsQa(packageRoot(), questions);
for (const outcome of report.outcomes) {
  if (verbose || !outcome.passed) {
    console.log(`${outcome.passed ? 'pass' : 'FAIL'} ${outcome.half} ${outcome.id}: ${outcome.question}`);
    console.log(`     ${outcome.answer.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
}
const line = (name: string, half: DocsHalfScores) =>
  `${name}: ${half.answered}/${half.on_topic} answered with their fact (${((100 * half.answered) / half.on_topic).toFixed(1)}%), ${half.abstained}/${half.off_topic} off-topic abstained`;
if (report.tuning) console.log(line('tuning set', report.tuning));
if (report.test) console.log(line('fresh test set', report.test));
