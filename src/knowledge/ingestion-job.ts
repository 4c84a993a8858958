/** One problem an ingestion met: the file or document and why it was skipped. */
export interface IngestionIssue {
  source: string;
  reason: string;
}

/** The progress of an ingestion, as the API and the CLI show it. */
export interface IngestionProgress {
  id: string;
  kb: string;
  status: 'running' | 'completed' | 'failed';
  /** Files (or uploads) to read, and how many are finished. */
  total: number;
  done: number;
  /** Documents written new, changed, left as they were (same content hash), and removed by pruning. */
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Files that could not be read; each has an entry in `errors`. */
  failed: number;
  errors: IngestionIssue[];
  startedAt: string;
  finishedAt: string | null;
}

/** A fresh progress record for a job over `total` inputs. */
export function newProgress(id: string, kb: string, total: number): IngestionProgress {
  return {
    id,
    kb,
    status: 'running',
    total,
    done: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    failed: 0,
    errors: [],
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
}

/** Remembers the latest jobs (oldest forgotten first), so their progress can be asked for by id. */
export class IngestionJobs {
  readonly #jobs = new Map<string, IngestionProgress>();
  constructor(private readonly keep = 200) {}

  add(progress: IngestionProgress): void {
    if (this.#jobs.size >= this.keep) this.#jobs.delete(this.#jobs.keys().next().value as string);
    this.#jobs.set(progress.id, progress);
  }

  get(id: string): IngestionProgress | undefined {
    return this.#jobs.get(id);
  }
}
