// Builds (`npm run build`) unless the last build is newer than every source file, so `npm start` starts at once
// when nothing changed. Run from the project root; a fresh clone (no dist/) always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const stamp = join('dist', '.build-stamp');
const sources = ['src', 'bench', 'test', 'web', 'tsconfig.json', 'package.json', 'package-lock.json'];

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
// The same build `npm run build` does: the server with tsc, then the dashboard with Vite.
const result = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, '');
// Stamped with the time the build began, so a file saved while it ran is compiled next time.
utimesSync(stamp, started, started);
