// Compiles with tsc unless the last build is newer than every source file, so `npm start` starts at once
// when nothing changed. Run from the project root; a fresh clone (no dist/) always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const stamp = join('dist', '.build-stamp');
const sources = ['src', 'bench', 'test', 'tsconfig.json', 'package.json', 'package-lock.json'];

// The newest change under a path: files and folders alike, so a deleted or renamed file counts too.
function newest(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'results') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const changed = Math.max(...sources.map(newest));
if (existsSync(stamp) && statSync(stamp).mtimeMs >= changed) {
  console.log('build: dist/ is up to date');
  process.exit(0);
}
const started = new Date();
const tsc = createRequire(join(process.cwd(), 'package.json')).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, '');
// Stamped with the time the build began, so a file saved while it ran is compiled next time.
utimesSync(stamp, started, started);
