import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rows queued for a batched insert, also appended to a file as they are queued, so a killed process
 * loses none of them: the next start stores what the file holds. Written without fsync: a row survives
 * the process being killed, not the machine losing power.
 */
export interface WriteAheadFile<Row> {
  /** Appends one row; it is written before any promise continuation queued after this call runs. */
  append(row: Row): void;
  /** Starts a new segment; returns a mark covering every row appended so far. */
  seal(): number;
  /** Deletes the segments up to `mark` once no other kind of row in them waits: these rows are stored. */
  release(mark: number): void;
}

/**
 * One process's write-ahead journal: several kinds of rows in one file, each line tagged with its kind.
 * The rows appended in one synchronous stretch (a call's request-log and ledger rows) go out in one
 * write(2), from a microtask, so before the call's answer does: the answer waits on promise
 * continuations queued after the rows.
 */
export interface Journal {
  /** The write-ahead file of one kind of row, sharing the journal's file and segments. */
  of<Row>(kind: string): WriteAheadFile<Row>;
}

/** One process's folder of write-ahead files: `<root>/<pid>-<start>`. */
export function processJournalFolder(root: string): string {
  return join(root, `${process.pid}-${Date.now().toString(36)}`);
}

/** Opens a journal whose segments are `<folder>/<name>.<n>.jsonl` (one folder per process). */
export function openJournal(folder: string, name: string): Journal {
  mkdirSync(folder, { recursive: true });
  let segment = 0;
  let released = 0;
  let descriptor: number | undefined;
  let pending = '';
  // Per segment, the kinds of rows in it not yet stored; a segment goes once none is left.
  const waiting = new Map<number, Set<string>>();
  const pathOf = (index: number) => join(folder, `${name}.${index}.jsonl`);
  const write = () => {
    if (pending === '') return;
    descriptor ??= openSync(pathOf(segment), 'a');
    writeSync(descriptor, pending);
    pending = '';
  };
  return {
    of<Row>(kind: string): WriteAheadFile<Row> {
      const head = `${kind}\t`;
      return {
        append(row) {
          if (pending === '') queueMicrotask(write);
          pending += `${head}${JSON.stringify(row)}\n`;
          const kinds = waiting.get(segment);
          if (kinds === undefined) waiting.set(segment, new Set([kind]));
          else kinds.add(kind);
        },
        seal() {
          write();
          if (descriptor !== undefined) closeSync(descriptor);
          descriptor = undefined;
          segment += 1;
          return segment - 1;
        },
        release(mark) {
          for (let index = released; index <= mark; index++) waiting.get(index)?.delete(kind);
          for (; released < segment && !waiting.get(released)?.size; released++) {
            waiting.delete(released);
            rmSync(pathOf(released), { force: true });
          }
        },
      };
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

/** How rows of one kind are stored on replay; it must skip rows already stored. */
export type ReplayInsert = (rows: never[]) => void | Promise<void>;

/**
 * Stores the rows that stopped processes left in their write-ahead files under `root`, each kind through
 * its own `inserts[kind]`, then deletes the files. Returns how many rows were read. A live process's
 * folder is left alone (this one's own folder is new, so it is never among them). Files of one kind
 * only (`<kind>.<n>.jsonl`, untagged lines) are what earlier versions wrote; they replay too.
 */
export async function replayWriteAheadFiles(
  root: string,
  inserts: Record<string, ReplayInsert>,
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
    const files = filesIn(folder).sort((a, b) => segmentOf(a) - segmentOf(b));
    for (const file of files) {
      const byKind = readRows(join(folder, file), file.slice(0, file.indexOf('.')));
      for (const [kind, rows] of byKind) {
        const insert = inserts[kind];
        if (insert === undefined) continue;
        for (let start = 0; start < rows.length; start += rowsPerInsert)
          await insert(rows.slice(start, start + rowsPerInsert) as never[]);
        replayed += rows.length;
      }
      rmSync(join(folder, file), { force: true });
    }
    // Another writer's files may still be in it; the last replay to finish removes it.
    if (filesIn(folder).length === 0) rmSync(folder, { recursive: true, force: true });
  }
  return replayed;
}

const segmentOf = (file: string) => Number.parseInt(file.split('.')[1] ?? '', 10);

/** The files in a folder; none when another process replayed and removed it first. */
function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** The rows of one file by kind; none when another process replayed it first. */
function readRows(path: string, fileKind: string): Map<string, unknown[]> {
  const byKind = new Map<string, unknown[]>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return byKind;
  }
  for (const line of text.split('\n')) {
    if (line === '') continue;
    // A line of an untagged file (an earlier version's) is a row of the kind the file is named for.
    const tab = line.startsWith('{') ? -1 : line.indexOf('\t');
    const kind = tab === -1 ? fileKind : line.slice(0, tab);
    // The last line is torn when the process died in the middle of writing it: that one row is lost.
    const row = parseLine(line.slice(tab + 1));
    if (row === undefined) continue;
    const rows = byKind.get(kind);
    if (rows === undefined) byKind.set(kind, [row]);
    else rows.push(row);
  }
  return byKind;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
