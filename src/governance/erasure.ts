import type { ErasureRepository } from '../store/erasure-repository.js';
import type { AuditLog } from './audit.js';
import type { Directory } from './directory.js';

/** What one erasure removed, by place; money rows are kept, anonymised. */
export interface ErasureReport {
  object: 'erasure';
  subject: string;
  /** True when the id was a user or service account of the directory, which is now deleted. */
  directory_user: boolean;
  request_log_rows: number;
  traces: number;
  ledger_rows_anonymised: number;
  keys_revoked: number;
  knowledge_documents: Array<{ kb: string; id: string }>;
  /** Cached answers dropped; the cache is not keyed by who asked, so all of it goes. */
  cache_entries: number;
}

/** The services an erasure reaches beyond the store's own tables, taken by injection. */
export interface ErasureDeps {
  repository: ErasureRepository;
  directory: Directory;
  audit: AuditLog;
  /** Revokes a key and announces it to every replica, so no cached verification outlives the erasure. */
  revokeKey: (id: string) => Promise<unknown>;
  /** Deletes one knowledge document with its chunks and index entries. */
  deleteDocument: (kb: string, id: string) => Promise<boolean>;
  /** Empties the response cache; returns how many entries it dropped. */
  clearCache: () => Promise<number>;
  /** Writes queued request-log, ledger and trace rows first, so none lands after the erasure. */
  flush: () => Promise<void>;
}

/** Erases everything stored about a user or end-user id. */
export interface Erasure {
  erase(subject: string, actor: string): Promise<ErasureReport>;
}

/** Builds the erasure service. */
export function createErasure(deps: ErasureDeps): Erasure {
  return {
    async erase(subject, actor) {
      await deps.flush();
      const keyIds = await deps.repository.keysOf(subject);
      for (const id of keyIds) await deps.revokeKey(id);
      const requestIds = await deps.repository.requestsOf(subject, keyIds);
      const stored = await deps.repository.erase(requestIds, keyIds);
      const documents = await deps.repository.documentsOf(subject);
      for (const document of documents) await deps.deleteDocument(document.kb, document.id);
      const cacheEntries = await deps.clearCache();
      const user = await deps.directory.getUser(subject);
      if (user !== undefined) await deps.directory.deleteUser(subject);
      const report: ErasureReport = {
        object: 'erasure',
        subject,
        directory_user: user !== undefined,
        request_log_rows: stored.requestLog,
        traces: stored.traces,
        ledger_rows_anonymised: stored.ledgerAnonymised,
        keys_revoked: stored.keysRevoked,
        knowledge_documents: documents,
        cache_entries: cacheEntries,
      };
      // The audit row names the subject's id (kept so the erasure itself can be proven), no content.
      const { object: _object, subject: _subject, knowledge_documents: erasedDocuments, ...counts } = report;
      await deps.audit.record({
        actor,
        action: 'erasure',
        target: subject,
        detail: { ...counts, knowledge_documents: erasedDocuments.length },
      });
      return report;
    },
  };
}
