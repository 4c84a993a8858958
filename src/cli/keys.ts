import { createStack } from '../pipeline/stack.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';

/** The scopes of a key's metadata, as the audit log keeps them (free-form fields are left out). */
function auditedMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const kept = ['team', 'user', 'models', 'tags', 'expires_at', 'allowed_ips', 'knowledge'];
  return Object.fromEntries(Object.entries(metadata).filter(([field]) => kept.includes(field)));
}

/** `strata keys create|list|revoke`: manages virtual keys directly in the store. */
export async function keysCommand(
  action: string | undefined,
  options: { config?: string; name?: string; metadata?: string; id?: string; json: boolean },
): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    if (action === 'create') {
      if (!options.name) throw new CliError('keys create needs --name <name>');
      let metadata: Record<string, unknown> | undefined;
      try {
        metadata =
          options.metadata === undefined
            ? undefined
            : (JSON.parse(options.metadata) as Record<string, unknown>);
      } catch {
        throw new CliError('--metadata must be a JSON object, e.g. --metadata \'{"team":"search"}\'');
      }
      const created = await stack.keys.create({ name: options.name, ...(metadata && { metadata }) });
      await stack.access.audit.record({
        actor: 'cli',
        action: 'key.create',
        target: created.id,
        detail: { name: created.name, metadata: auditedMetadata(created.metadata) },
      });
      if (options.json) console.log(JSON.stringify(created));
      else
        console.log(
          `Created key ${created.id} (${created.name}). It is shown only this once:\n\n  ${created.key}\n`,
        );
    } else if (action === 'list') {
      const keys = await stack.keys.list();
      if (options.json) console.log(JSON.stringify(keys));
      else if (keys.length === 0)
        console.log('No keys yet. Create one with: strata keys create --name <name>');
      else
        for (const key of keys) {
          const metadata = Object.keys(key.metadata).length > 0 ? `  ${JSON.stringify(key.metadata)}` : '';
          console.log(
            `${key.id}  ${key.keyPrefix}…  ${key.name}  created ${key.createdAt}${key.revokedAt ? `  REVOKED ${key.revokedAt}` : ''}${metadata}`,
          );
        }
    } else if (action === 'revoke') {
      if (!options.id) throw new CliError('keys revoke needs the key id: strata keys revoke <id>');
      if (!(await stack.keys.revoke(options.id))) throw new CliError(`No active key with id ${options.id}.`);
      await stack.access.audit.record({ actor: 'cli', action: 'key.revoke', target: options.id });
      console.log(`Revoked ${options.id}.`);
    } else {
      throw new CliError(`Unknown keys action \`${action ?? ''}\`; use create, list or revoke.`);
    }
  } finally {
    await stack.close();
  }
}
