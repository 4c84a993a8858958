import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createApp } from './app.js';
import { startGateway } from './testing/start-gateway.js';

const reference = new URL('../../../docs/http-api.md', import.meta.url);

/** `METHOD /path` for every route in fastify's printed route tree, parameters written as `{}`. */
function registeredRoutes(tree: string): Set<string> {
  const routes = new Set<string>();
  const parents: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const segment = match[2] ?? '';
    // A wildcard child prints without its slash: `/v1/models` then `*` is `/v1/models/*`.
    // Under the root route `/`, children print without their slash too.
    const parent = (parents[depth - 1] ?? '').replace(/\/$/, '');
    const path = parent + (segment.startsWith('/') ? segment : `/${segment}`);
    parents[depth] = path;
    for (const method of (match[3] ?? '').split(', ')) {
      if (method !== 'HEAD') routes.add(`${method} ${canonical(path)}`);
    }
  }
  return routes;
}

function canonical(path: string): string {
  return path.replace(/:\w+|\{\w+\}|\*/g, '{}');
}

test('docs/http-api.md documents every route the gateway serves, and no other', async (t) => {
  const gateway = await startGateway({});
  const app = createApp({ stack: gateway.stack, noAuth: false });
  t.after(async () => {
    await app.close();
    await gateway.close();
  });
  await app.ready();
  const served = registeredRoutes(app.printRoutes({ commonPrefix: false }));
  const documented = new Set(
    [...readFileSync(reference, 'utf8').matchAll(/^### (GET|POST|PUT|PATCH|DELETE) (\S+)$/gm)].map(
      (match) => `${match[1]} ${canonical(match[2] ?? '')}`,
    ),
  );
  assert.ok(served.size > 10, 'the route tree was read');
  assert.deepEqual(
    [...served].filter((route) => !documented.has(route)),
    [],
    'routes missing from docs/http-api.md',
  );
  assert.deepEqual(
    [...documented].filter((route) => !served.has(route)),
    [],
    'documented routes the gateway does not serve',
  );
});
