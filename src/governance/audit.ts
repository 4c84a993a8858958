import { createHash } from 'node:crypto';
import type { AuditQuery, AuditRepository, AuditRow } from '../store/audit-repository.js';

export type { AuditQuery, AuditRow };

/** What happened, by whom, to what; `detail` must never hold a secret (only ids, names and hashes). */
export interface AuditEvent {
  actor: string;
  action: string;
  target?: string | null | undefined;
  detail?: Record<string, unknown> | undefined;
}

/** One thing `verify` found wrong, at the row where the chain broke. */
export interface AuditProblem {
  seq: number;
  kind: 'edited' | 'deleted' | 'reordered' | 'truncated';
  message: string;
}

/** The outcome of walking the whole chain. */
export interface AuditVerdict {
  ok: boolean;
  rows: number;
  problems: AuditProblem[];
}

/** The append-only, hash-chained log of admin actions and access decisions. */
export interface AuditLog {
  record(event: AuditEvent): Promise<AuditRow>;
  list(query: AuditQuery): Promise<AuditRow[]>;
  /** Recomputes every row's hash and link; any edited, deleted, reordered or truncated row is reported. */
  verify(): Promise<AuditVerdict>;
  /** Every row in chain order, one JSON object per line. */
  exportLines(): AsyncGenerator<string>;
}

/** The predecessor of the first row. */
export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A row's hash: SHA-256 over its predecessor's hash and its own canonical content, position included. */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  const content = canonicalJson({
    seq: row.seq,
    created_at: row.createdAt,
    actor: row.actor,
    action: row.action,
    target: row.target,
    detail: row.detail,
  });
  return createHash('sha256').update(row.prevHash).update('\n').update(content).digest('hex');
}

/** A stored row as exported and served: the detail parsed back into an object. */
export function auditView(row: AuditRow) {
  let detail: unknown;
  try {
    detail = JSON.parse(row.detail);
  } catch {
    detail = row.detail;
  }
  return {
    seq: row.seq,
    created_at: row.createdAt,
    actor: row.actor,
    action: row.action,
    target: row.target,
    detail,
    prev_hash: row.prevHash,
    hash: row.hash,
  };
}

/** Builds the audit log over its repository. */
export function createAuditLog(repository: AuditRepository): AuditLog {
  return {
    async record(event) {
      const detail = canonicalJson(event.detail ?? {});
      // Writers race for the next seq; the loser re-reads the head and chains to the winner.
      for (let attempt = 0; attempt < 50; attempt++) {
        const last = await repository.last();
        const unhashed = {
          seq: (last?.seq ?? 0) + 1,
          createdAt: new Date().toISOString(),
          actor: event.actor,
          action: event.action,
          target: event.target ?? null,
          detail,
          prevHash: last?.hash ?? genesisHash,
        };
        const row = { ...unhashed, hash: rowHash(unhashed) };
        if (await repository.insert(row)) {
          await repository.advanceHead(row.seq, row.hash);
          return row;
        }
      }
      throw new Error('The audit log could not be appended to: too many concurrent writers.');
    },

    list: (query) => repository.list(query),

    async verify() {
      const problems: AuditProblem[] = [];
      const seen = new Set<string>();
      let previous: AuditRow | undefined;
      let rows = 0;
      for await (const row of repository.all()) {
        rows++;
        const expectedPrev = previous?.hash ?? genesisHash;
        const expectedSeq = (previous?.seq ?? 0) + 1;
        if (row.prevHash !== expectedPrev) {
          if (seen.has(row.prevHash) || row.seq < expectedSeq)
            problems.push({
              seq: row.seq,
              kind: 'reordered',
              message: `row ${row.seq} follows a row it was not written after`,
            });
          else if (row.seq > expectedSeq)
            problems.push({
              seq: row.seq,
              kind: 'deleted',
              message: `${row.seq - expectedSeq} row(s) before row ${row.seq} were deleted`,
            });
          else
            problems.push({
              seq: row.seq,
              kind: 'edited',
              message: `row ${row.seq} no longer chains to row ${expectedSeq - 1}: one of them was rewritten`,
            });
        } else if (row.seq !== expectedSeq) {
          problems.push({ seq: row.seq, kind: 'edited', message: `row ${row.seq} has a changed position` });
        }
        if (rowHash(row) !== row.hash)
          problems.push({
            seq: row.seq,
            kind: 'edited',
            message: `row ${row.seq} was changed after it was written`,
          });
        seen.add(row.hash);
        previous = row;
      }
      const head = await repository.head();
      if (head !== undefined && (previous === undefined || previous.seq < head.seq))
        problems.push({
          seq: head.seq,
          kind: 'truncated',
          message: `the newest rows, up to row ${head.seq}, were deleted`,
        });
      else if (
        head !== undefined &&
        previous !== undefined &&
        previous.seq === head.seq &&
        previous.hash !== head.hash
      )
        problems.push({
          seq: head.seq,
          kind: 'edited',
          message: `row ${head.seq} is not the row that was written`,
        });
      return { ok: problems.length === 0, rows, problems };
    },

    async *exportLines() {
      for await (const row of repository.all()) yield JSON.stringify(auditView(row));
    },
  };
}
