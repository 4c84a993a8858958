import type { IngestionProgress } from '../knowledge/ingestion-job.js';

/** One line of ingestion progress: a bar on a terminal, plain counts otherwise. */
export function progressLine(progress: IngestionProgress, options: { bar: boolean; width?: number }): string {
  const counts = `${progress.done}/${progress.total} files  ${progress.created} new, ${progress.updated} updated, ${progress.unchanged} unchanged, ${progress.failed} failed`;
  if (!options.bar) return counts;
  const width = options.width ?? 24;
  const share = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${counts}`;
}

/** Prints progress: redrawn in place on a TTY, a line per finished file elsewhere (logs, CI). */
export function progressPrinter(stream: NodeJS.WriteStream): {
  update(progress: IngestionProgress): void;
  end(progress: IngestionProgress): void;
} {
  const tty = stream.isTTY === true;
  let lastDone = -1;
  return {
    update(progress) {
      if (tty) stream.write(`\r${progressLine(progress, { bar: true })}\u001b[K`);
      else if (progress.done !== lastDone && progress.done > 0)
        stream.write(`${progressLine(progress, { bar: false })}\n`);
      lastDone = progress.done;
    },
    end(progress) {
      if (tty) stream.write(`\r${progressLine(progress, { bar: true })}\u001b[K\n`);
    },
  };
}
