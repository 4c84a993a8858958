/**
 * `node dist/bench/ingest/main.js [--corpus DIR] [--json] [--files]`: scores the baseline and current
 * readers on the corpus `make-corpus.sh` generated, per file type and per PDF writer.
 */
import { existsSync } from 'node:fs';
import { baselineReader, currentReader, type GroupScore, runIngestBench, summarise } from './run.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const corpus = option('--corpus') ?? '.strata/bench-ingest';
if (!existsSync(corpus)) {
  console.error(
    `ingest bench: no corpus at ${corpus}; generate it with bench/ingest/make-corpus.sh [--install] ${corpus}`,
  );
  process.exit(1);
}

const scores = await runIngestBench(corpus, { baseline: baselineReader, current: currentReader });
const byType = summarise(scores, (score) => score.type);
const byWriter = summarise(
  scores.filter((score) => score.type === 'pdf'),
  (score) => score.writer,
);

const table = (title: string, rows: GroupScore[]) => {
  const lines = [
    `\n${title}`,
    '| group | reader | files | failed | token F1 | bigram F1 | F1 vs source | ms/file |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const source = row.sourceF1 === null ? '' : row.sourceF1.toFixed(3);
    lines.push(
      `| ${row.group} | ${row.reader} | ${row.files} | ${row.failed} | ${row.tokenF1.toFixed(3)} | ${row.bigramF1.toFixed(3)} | ${source} | ${row.msPerFile.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
};

if (args.includes('--json')) {
  console.log(
    JSON.stringify({ byType, byWriter, ...(args.includes('--files') && { files: scores }) }, null, 2),
  );
} else {
  console.log(table('By file type (reference: pdftotext for PDF, the source text otherwise)', byType));
  console.log(table('PDFs by writer', byWriter));
  if (args.includes('--files')) {
    for (const score of scores.filter((item) => item.error !== null || item.tokenF1 < 0.9)) {
      console.log(`${score.reader}\t${score.file}\t${score.tokenF1.toFixed(3)}\t${score.error ?? ''}`);
    }
  }
}
