import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { calibrateThreshold, separatingThreshold } from './calibrate.js';
import { citationsFromMarkers } from './pipeline-answerer.js';
import { runGroundedBench } from './run.js';

// Tests run from dist/bench/grounded; the fixture (twenty SQuAD 2.0-shaped questions, four of them
// unanswerable, on twelve invented paragraphs) stays in the source tree.
const harbourTown = fileURLToPath(
  new URL('../../../bench/grounded/__fixtures__/harbour-town', import.meta.url),
);

test('a run over a small SQuAD-shaped dataset cites only verbatim spans of retrieved chunks', async () => {
  const report = await runGroundedBench({ dataDirectory: harbourTown });
  assert.equal(report.model, 'local/extractive');
  assert.equal(report.context, 'retrieved');
  assert.equal(report.dataset, 'harbour-town');
  assert.equal(report.all.questions, 20);
  assert.equal(report.all.answerable, 16);
  assert.equal(report.all.unanswerable, 4);
  assert.ok(report.all.citations >= 10, `cites something: ${report.all.citations}`);
  assert.equal(report.all.citation_validity, 100);
  assert.ok(report.all.f1 > 0 && report.all.f1 <= 100);
  assert.ok(report.all.exact_match <= report.all.f1);
  assert.equal(report.calibration_half.questions + report.held_out_half.questions, 20);
  assert.ok(report.retrieval_recall > 80, `retrieval finds the paragraphs: ${report.retrieval_recall}`);
  assert.ok(report.latency_p50_ms > 0 && report.latency_p99_ms >= report.latency_p50_ms);
  assert.ok(report.calibrated_threshold !== null);
});

test('thresholds are chosen by overall F1 and by separation on hand-made rows', () => {
  const rows = [
    { support: 0.2, unanswerable: true, answeredF1: 0 },
    { support: 0.4, unanswerable: true, answeredF1: 0 },
    { support: 0.6, unanswerable: false, answeredF1: 1 },
    { support: 0.9, unanswerable: false, answeredF1: 0.5 },
  ];
  // Any cut in (0.4, 0.6] abstains on both unanswerable rows and answers both others: (1 + 1 + 1 + 0.5) / 4.
  const best = calibrateThreshold(rows);
  assert.equal(best.f1, 0.875);
  assert.ok(best.threshold > 0.4 && best.threshold <= 0.6);
  const separating = separatingThreshold(rows);
  assert.equal(separating.bestJ, 1);
  // Perfect separation has no spread, so the one-standard-error rule keeps the lowest perfect cut.
  assert.equal(separating.threshold, 0.41);
  assert.equal(separating.j, 1);
});

test("an LLM answer's markers cite whole passages, and a marker past them cites nothing valid", () => {
  const passages = [
    { id: 'a', text: 'Alpha.' },
    { id: 'b', text: 'Beta.' },
  ];
  assert.deepEqual(citationsFromMarkers('Beta [2][2] and [3]', passages), [
    { index: 2, chunkId: 'b', start: 0, end: 5, text: 'Beta.' },
    { index: 3, chunkId: 'missing-3', start: 0, end: 0, text: '' },
  ]);
});
