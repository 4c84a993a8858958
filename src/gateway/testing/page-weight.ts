import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A chunk of Vite's build manifest: its file, its styles and the chunks it imports statically. */
interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

/**
 * The gzipped bytes a browser downloads to show `entries` of the built dashboard: the page, each entry's
 * chunk, its styles and every chunk it imports statically (the manifest's keys are source paths, such as
 * `index.html` or `src/pages/overview/overview-page.tsx`).
 */
export function gzippedWeight(directory: string, entries: string[]): number {
  const manifestPath = join(directory, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`no build manifest at ${manifestPath}; run npm run build`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>(['index.html']);
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no chunk \`${key}\``);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const entry of entries) visit(entry);
  return [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(directory, file))).length, 0);
}
