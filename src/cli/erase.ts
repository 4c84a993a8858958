import { createStack } from '../pipeline/stack.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';

/** `strata erase --user ID`: erases everything stored about a user or end-user id and prints the report. */
export async function eraseCommand(options: {
  config?: string;
  user?: string;
  json: boolean;
}): Promise<void> {
  if (!options.user) throw new CliError('erase needs the id to erase: strata erase --user <id>');
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    const report = await stack.access.erasure.erase(options.user, 'cli');
    if (options.json) return console.log(JSON.stringify(report));
    console.log(
      `Erased ${report.subject}${report.directory_user ? ' (a user of the directory, now deleted)' : ''}:`,
    );
    console.log(`  request-log rows deleted   ${report.request_log_rows}`);
    console.log(`  traces deleted             ${report.traces}`);
    console.log(`  ledger rows anonymised     ${report.ledger_rows_anonymised} (their cost is kept)`);
    console.log(`  keys revoked               ${report.keys_revoked}`);
    console.log(`  knowledge documents        ${report.knowledge_documents.length}`);
    for (const document of report.knowledge_documents) console.log(`    ${document.kb}/${document.id}`);
    console.log(`  cached answers dropped     ${report.cache_entries}`);
  } finally {
    await stack.close();
  }
}
