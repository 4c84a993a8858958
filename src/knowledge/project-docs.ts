import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestionProgress } from './ingestion-job.js';
import type { KnowledgeService } from './knowledge-service.js';

/** The folder of this package: the nearest one above this file that holds a package.json. */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let folder = dirname(from);
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${from}`);
    folder = parent;
  }
  return folder;
}

/** The project's own documentation: the README, the docs folder and each benchmark's README. */
export function projectDocPaths(root: string): string[] {
  const paths = [join(root, 'README.md'), join(root, 'docs')].filter((path) => existsSync(path));
  const bench = join(root, 'bench');
  if (existsSync(bench)) {
    for (const entry of readdirSync(bench, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const readme = join(bench, entry.name, 'README.md');
      if (entry.isDirectory() && existsSync(readme)) paths.push(readme);
    }
  }
  return paths;
}

/**
 * Mirrors the project's docs into a knowledge base, creating it when missing: unchanged files are
 * skipped by content hash, changed ones re-chunked and files that are gone removed.
 */
export async function ingestProjectDocs(
  knowledge: KnowledgeService,
  kb: string,
  root = packageRoot(),
): Promise<IngestionProgress> {
  await knowledge.ensureBase(kb, 'Strata documentation: the README, docs and benchmark notes');
  const paths = projectDocPaths(root).map((path) => ({ path }));
  const { finished } = await knowledge.ingest(kb, paths, { root, prune: true });
  return finished;
}
