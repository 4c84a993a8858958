// Runs the edge fuzz test longer than `npm test` does: `node scripts/fuzz.mjs [runs] [seed]`
// (defaults: 5000 runs per database, a fresh seed, printed so a failure can be replayed).
import { spawn } from 'node:child_process';

const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '5000';
const seed = process.argv[3] ?? process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`edge fuzz: ${runs} runs per database, seed ${seed}`);
const child = spawn(process.execPath, ['scripts/run-tests.mjs', 'gateway/edge-fuzz.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
child.on('exit', (code) => process.exit(code ?? 1));
