import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createStack } from '../pipeline/stack.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';

/** `strata audit verify|export`: checks the audit log's hash chain, or writes it out as JSON lines. */
export async function auditCommand(
  action: string | undefined,
  options: { config?: string; json: boolean; out?: string },
): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    const audit = stack.access.audit;
    if (action === 'verify') {
      const verdict = await audit.verify();
      if (options.json) console.log(JSON.stringify(verdict));
      else if (verdict.ok)
        console.log(`The audit log is intact: ${verdict.rows} rows, every hash and link checks.`);
      else {
        console.log(`The audit log was tampered with (${verdict.rows} rows checked):`);
        for (const problem of verdict.problems)
          console.log(`  row ${problem.seq}: ${problem.kind}: ${problem.message}`);
      }
      if (!verdict.ok) process.exitCode = 1;
    } else if (action === 'export') {
      const output = options.out === undefined ? process.stdout : createWriteStream(options.out);
      let rows = 0;
      for await (const line of audit.exportLines()) {
        rows++;
        if (!output.write(`${line}\n`)) await once(output, 'drain');
      }
      if (output !== process.stdout) {
        output.end();
        await once(output, 'finish');
        console.error(`Wrote ${rows} audit rows to ${options.out}.`);
      }
    } else {
      throw new CliError(`Unknown audit action \`${action ?? ''}\`; use verify or export.`);
    }
  } finally {
    await stack.close();
  }
}
