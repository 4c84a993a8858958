import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rows queued for a batched insert, also appended to a file as they are queued, so a killed process
 * loses none of them: the next start stores what the file holds. Each append is one write(2) without
 * fsync: it survives the process being killed, not the machine losing power.
 */
export interface WriteAheadFile<Row> {
  /** Appends one row, synchronously. */
  append(row: Row): void;
  /** Starts a new segment; returns a mark covering every row appended so far. */
  seal(): number;
  /** Deletes the segments up to `mark`: their rows are stored. */
  release(mark: number): void;
}

/** One process's folder of write-ahead files: `<root>/<pid>-<start>`. */
export function processJournalFolder(root: string): string {
  return join(root, `${process.pid}-${Date.now().toString(36)}`);
}

/** Opens a write-ahead file named `name` in `folder` (one folder per process). */
export function openWriteAheadFile<Row>(folder: string, name: string): WriteAheadFile<Row> {
  mkdirSync(folder, { recursive: true });
  let segment = 0;
  let released = 0;
  let descriptor: number | undefined;
  const pathOf = (index: number) => join(folder, `${name}.${index}.jsonl`);
  return {
    append(row) {
      descriptor ??= openSync(pathOf(segment), 'a');
      writeSync(descriptor, `${JSON.stringify(row)}\n`);
    },
    seal() {
      if (descriptor !== undefined) closeSync(descriptor);
      descriptor = undefined;
      segment += 1;
      return segment - 1;
    },
    release(mark) {
      for (; released <= mark; released++) rmSync(pathOf(released), { force: true });
    },
  };
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stores the rows that stopped processes left in their write-ahead files named `name` under `root`,
 * then deletes the files; `insert` must skip rows already stored. Returns how many rows were read.
 * A live process's folder is left alone (this one's own folder is new, so it is never among them).
 */
export async function replayWriteAheadFiles<Row>(
  root: string,
  name: string,
  insert: (rows: Row[]) => void | Promise<void>,
  rowsPerInsert = 500,
): Promise<number> {
  let folders: string[];
  try {
    folders = readdirSync(root);
  } catch {
    return 0;
  }
  let replayed = 0;
  for (const entry of folders) {
    if (alive(Number.parseInt(entry, 10))) continue;
    const folder = join(root, entry);
    const files = filesIn(folder)
      .filter((file) => file.startsWith(`${name}.`))
      .sort(
        (a, b) => Number.parseInt(a.split('.')[1] ?? '', 10) - Number.parseInt(b.split('.')[1] ?? '', 10),
      );
    for (const file of files) {
      const rows = readRows<Row>(join(folder, file));
      for (let start = 0; start < rows.length; start += rowsPerInsert) {
        await insert(rows.slice(start, start + rowsPerInsert));
      }
      replayed += rows.length;
      rmSync(join(folder, file), { force: true });
    }
    // Another writer's files may still be in it; the last replay to finish removes it.
    if (filesIn(folder).length === 0) rmSync(folder, { recursive: true, force: true });
  }
  return replayed;
}

/** The files in a folder; none when another process replayed and removed it first. */
function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** The rows of one file; none when another process replayed it first. */
function readRows<Row>(path: string): Row[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    // The last line is torn when the process died in the middle of writing it: that one row is lost.
    const row = parseLine<Row>(line);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

function parseLine<Row>(line: string): Row | undefined {
  try {
    return JSON.parse(line) as Row;
  } catch {
    return undefined;
  }
}
