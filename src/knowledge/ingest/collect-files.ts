import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatOf } from './parsed-document.js';

/** A file to ingest, or a path that could not be used and why. */
export type CollectedPath = { path: string } | { path: string; error: string };

const skipped = new Set(['node_modules', '.git', 'dist', '.strata']);

/**
 * Expands files and folders (recursively, in name order) into the files ingestion can read. Hidden
 * entries and build folders inside folders are skipped; a missing path is returned with its reason.
 */
export async function collectFiles(paths: readonly string[]): Promise<CollectedPath[]> {
  const found: CollectedPath[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch {
      found.push({ path: absolute, error: 'no such file or folder' });
      continue;
    }
    if (info.isDirectory()) await walk(absolute, found);
    else if (formatOf(absolute) === undefined) found.push({ path: absolute, error: 'unsupported file type' });
    else found.push({ path: absolute });
  }
  return found;
}

async function walk(folder: string, found: CollectedPath[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || skipped.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile() && formatOf(entry.name) !== undefined) found.push({ path });
  }
}
