// Rewrites docs/configuration.md from the config schema (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configReference } from '../dist/src/config/config-reference.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'configuration.md');
writeFileSync(target, configReference());
console.log(`wrote ${target}`);
