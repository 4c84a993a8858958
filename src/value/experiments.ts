import { type ExperimentConfig, experimentSchema } from '../config/value.js';
import { StrataError } from '../core/errors.js';
import type { ExperimentRecord, ExperimentsRepository } from '../store/experiments-repository.js';

/** An experiment with its life: running or stopped, from config or the API. */
export interface Experiment extends ExperimentConfig {
  status: 'running' | 'stopped';
  source: 'config' | 'api';
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
}

/** A/B experiments: stored, so every replica assigns the same way, and reloaded periodically. */
export interface ExperimentsService {
  list(): Promise<Experiment[]>;
  get(id: string): Promise<Experiment | undefined>;
  create(config: ExperimentConfig): Promise<Experiment>;
  start(id: string): Promise<Experiment>;
  stop(id: string): Promise<Experiment>;
  /** The running experiments by target name, as last loaded; empty when none runs. */
  running(): ReadonlyMap<string, Experiment>;
  /** Called when the set of running experiments changed (after a reload, start or stop). */
  onChange(listener: () => void): void;
  /** Reloads from the store now. */
  sync(): Promise<void>;
  close(): void;
}

function fromRecord(record: ExperimentRecord): Experiment | undefined {
  const parsed = experimentSchema.safeParse(JSON.parse(record.definition));
  if (!parsed.success) return undefined;
  const { status, source, createdAt, startedAt, stoppedAt } = record;
  return { ...parsed.data, status, source, createdAt, startedAt, stoppedAt };
}

function fingerprint(running: ReadonlyMap<string, Experiment>): string {
  return JSON.stringify([...running.values()].map((experiment) => [experiment.id, experiment.target]));
}

/** Builds the experiments service; config experiments are written to the store and started when new. */
export async function createExperimentsService(input: {
  repository: ExperimentsRepository;
  configured: readonly ExperimentConfig[];
  syncIntervalMs: number;
  onError?: (error: unknown) => void;
  now?: () => Date;
}): Promise<ExperimentsService> {
  const { repository } = input;
  const now = () => (input.now?.() ?? new Date()).toISOString();
  for (const config of input.configured) {
    const at = now();
    await repository.upsertDefinition({
      id: config.id,
      definition: JSON.stringify(config),
      status: 'running',
      source: 'config',
      createdAt: at,
      startedAt: at,
      stoppedAt: null,
    });
  }
  let running: ReadonlyMap<string, Experiment> = new Map();
  const listeners: Array<() => void> = [];
  const list = async () => (await repository.list()).flatMap((record) => fromRecord(record) ?? []);
  const sync = async () => {
    const next = new Map<string, Experiment>();
    // One experiment per target: the oldest running one wins, so a second cannot silently split it again.
    for (const experiment of await list())
      if (experiment.status === 'running' && !next.has(experiment.target))
        next.set(experiment.target, experiment);
    const changed = fingerprint(next) !== fingerprint(running);
    running = next;
    if (changed) for (const listener of listeners) listener();
  };
  await sync();
  const timer = setInterval(() => sync().catch(input.onError ?? console.error), input.syncIntervalMs);
  timer.unref();
  const get = async (id: string) => (await list()).find((experiment) => experiment.id === id);
  const existing = async (id: string) => {
    const found = await get(id);
    if (!found) throw new StrataError('not_found', `No experiment \`${id}\`.`, { param: 'id' });
    return found;
  };
  const setStatus = async (id: string, status: 'running' | 'stopped') => {
    const found = await existing(id);
    if (status === 'running') {
      const rival = running.get(found.target);
      if (rival && rival.id !== id)
        throw new StrataError(
          'invalid_request',
          `Experiment \`${rival.id}\` already splits \`${found.target}\`; stop it first.`,
          { param: 'id' },
        );
    }
    await repository.setStatus(id, status, now());
    await sync();
    return existing(id);
  };
  return {
    list,
    get,
    async create(config) {
      const at = now();
      const created = await repository.create({
        id: config.id,
        definition: JSON.stringify(config),
        status: 'stopped',
        source: 'api',
        createdAt: at,
        startedAt: null,
        stoppedAt: null,
      });
      if (!created)
        throw new StrataError('invalid_request', `An experiment \`${config.id}\` exists already.`, {
          param: 'id',
        });
      return existing(config.id);
    },
    start: (id) => setStatus(id, 'running'),
    stop: (id) => setStatus(id, 'stopped'),
    running: () => running,
    onChange(listener) {
      listeners.push(listener);
    },
    sync,
    close() {
      clearInterval(timer);
    },
  };
}
