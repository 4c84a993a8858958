import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Store } from './database.js';
import { type LedgerRow, ledgerInserter } from './ledger.js';
import { type RequestLogRow, requestLogInserter } from './request-log.js';
import {
  openJournal,
  processJournalFolder,
  replayWriteAheadFiles,
  type WriteAheadFile,
} from './write-ahead-file.js';

/** This process's write-ahead files of the request log and the ledger. */
export interface RowJournals {
  requestLog: WriteAheadFile<RequestLogRow>;
  ledger: WriteAheadFile<LedgerRow>;
}

/**
 * Stores the rows stopped processes left in their write-ahead files under `<home>/journal/<database>`,
 * then opens this process's own.
 */
export async function journalsOf(
  store: Store,
  where: { home: string; databaseUrl: string | undefined },
): Promise<RowJournals> {
  // One folder per database, so a home shared by gateways of different databases replays each its own.
  const database = createHash('sha256')
    .update(where.databaseUrl ?? 'sqlite')
    .digest('hex');
  const root = join(where.home, 'journal', database.slice(0, 16));
  const replayed = await replayWriteAheadFiles(root, {
    'request-log': requestLogInserter(store),
    ledger: ledgerInserter(store),
  });
  if (replayed > 0)
    console.warn(`Stored ${replayed} request log and ledger rows a stopped process left unwritten.`);
  // One file for both: a call's two rows cost one write.
  const journal = openJournal(processJournalFolder(root), 'rows');
  return { requestLog: journal.of('request-log'), ledger: journal.of('ledger') };
}
