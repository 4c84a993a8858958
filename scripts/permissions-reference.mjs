// Rewrites docs/permissions.md from the gateway's route table and the role table (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentPermissionsReference } from '../dist/src/gateway/permissions-reference.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'permissions.md');
writeFileSync(target, await currentPermissionsReference());
console.log(`wrote ${target}`);
