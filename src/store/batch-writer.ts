import type { WriteAheadFile } from './write-ahead-file.js';

/** Tuning for a batched writer. */
export interface BatchWriterOptions {
  /** Rows that trigger a flush before the timer does (default 200). */
  batchSize?: number;
  /** Longest time a row waits in memory before a flush starts (default 250 ms). */
  flushIntervalMs?: number;
  /** Called when a background flush fails; the rows stay queued and the next flush retries them. */
  onError?: (error: unknown) => void;
}

/**
 * Writes rows off the hot path, in batches. Rows recorded after close() are still accepted and flushed
 * at once, so a request finishing during shutdown is not lost; await close() or flush() again to know
 * they are durable.
 */
export interface BatchWriter<Row> {
  /** Queues a row; never waits and never does I/O on the caller's tick. */
  record(row: Row): void;
  /** Resolves once every row recorded before the call is stored; rejects if an insert failed. */
  flush(): Promise<void>;
  /** Stops the timer and flushes everything queued; rejects (rows kept) if an insert failed. */
  close(): Promise<void>;
}

/** How a batched writer stores rows: `insert` must skip rows already stored, so a retry never duplicates. */
export interface BatchTarget<Row> {
  /** Names the rows in warnings, e.g. `Request log`. */
  name: string;
  /** Most rows one insert may carry. */
  maxRowsPerInsert: number;
  insert(rows: Row[]): void | Promise<void>;
  /** Where queued rows are also appended, so a killed process's rows are stored at the next start. */
  journal?: WriteAheadFile<Row> | undefined;
}

/** Builds a writer that queues rows and stores them in batches, one flush at a time, retrying failures. */
export function createBatchWriter<Row>(
  target: BatchTarget<Row>,
  options: BatchWriterOptions = {},
): BatchWriter<Row> {
  const batchSize = options.batchSize ?? 200;
  const flushIntervalMs = options.flushIntervalMs ?? 250;
  const onError =
    options.onError ??
    ((error: unknown) => process.emitWarning(`${target.name} flush failed; will retry: ${String(error)}`));
  const queue: Row[] = [];
  // Running totals: rows ever recorded, ever stored, and covered by a flush already scheduled.
  let recorded = 0;
  let stored = 0;
  let targeted = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDelay = 0;
  let chain: Promise<void> = Promise.resolve();

  async function storeUntil(goal: number): Promise<void> {
    while (stored < goal) {
      // The queue's front is rows not yet stored; only flushes remove rows and they run one at a time.
      const count = Math.min(goal - stored, target.maxRowsPerInsert);
      await target.insert(queue.slice(0, count));
      queue.splice(0, count);
      stored += count;
    }
  }

  function cancelTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  // Flushes always start from a timer, even a full batch's, so inserts never run on the caller's tick.
  function scheduleFlush(delayMs: number): void {
    if (timer !== undefined && timerDelay <= delayMs) return;
    cancelTimer();
    timerDelay = delayMs;
    timer = setTimeout(() => {
      timer = undefined;
      flush().catch(onError);
    }, delayMs);
    timer.unref();
  }

  function flush(): Promise<void> {
    cancelTimer();
    const goal = recorded;
    targeted = goal;
    const { journal } = target;
    const mark = journal?.seal();
    const run = chain.then(async () => {
      await storeUntil(goal);
      if (mark !== undefined) journal?.release(mark);
    });
    chain = run.then(afterFlush, afterFlush);
    return run;
  }

  function afterFlush(): void {
    // Rows that failed, or arrived after this flush was scheduled, go out with a later one; failed rows
    // wait a full interval so an outage is not retried in a tight loop.
    if (queue.length > 0) scheduleFlush(recorded - targeted >= batchSize ? 0 : flushIntervalMs);
  }

  return {
    record(row) {
      target.journal?.append(row);
      queue.push(row);
      recorded += 1;
      scheduleFlush(closed || recorded - targeted >= batchSize ? 0 : flushIntervalMs);
    },
    flush,
    close() {
      closed = true;
      return flush();
    },
  };
}
