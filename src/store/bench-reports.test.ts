import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { benchReportPath, latestBenchReport, saveBenchReport } from './bench-reports.js';

test('the latest bench report is kept in the home, replaced by the next, and unreadable ones are absent', (t) => {
  const home = mkdtempSync(join(tmpdir(), 'strata-bench-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  assert.equal(latestBenchReport(home, 'routing'), undefined);
  assert.equal(saveBenchReport(home, 'routing', { run: 1 }), benchReportPath(home, 'routing'));
  saveBenchReport(home, 'routing', { run: 2 });
  const latest = latestBenchReport(home, 'routing');
  assert.deepEqual(latest?.report, { run: 2 });
  assert.ok(Date.now() - Date.parse(latest?.savedAt ?? '') < 60_000);
  writeFileSync(benchReportPath(home, 'routing'), '{"saved_at": "2026-12-07T00:00:00Z", "rep');
  assert.equal(latestBenchReport(home, 'routing'), undefined);
});
