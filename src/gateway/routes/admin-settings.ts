import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { redactConfig } from '../../config/redact-config.js';
import { providerStatus } from '../../observability/provider-health.js';
import type { Stack } from '../../pipeline/stack.js';
import { resolveDatabaseTarget } from '../../store/database-url.js';
import { needs } from '../route-table.js';

/** The window provider health is judged over. */
const healthWindowMs = 60 * 60 * 1000;

function packageVersion(): string {
  const path = new URL('../../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** Each provider with its health: calls and server errors in the last hour, and its models' breakers. */
async function providerHealth(stack: Stack) {
  const from = new Date(Date.now() - healthWindowMs).toISOString();
  const breakers = (await stack.router?.breakerStates()) ?? [];
  return Promise.all(
    [...stack.providers.values()].map(async (provider) => {
      const totals = await stack.requests.totals({ provider: provider.id, from });
      const own = breakers
        .filter((breaker) => breaker.key.startsWith(`${provider.id}/`))
        .map((breaker) => ({ model: breaker.key, state: breaker.state }));
      return {
        object: 'provider',
        id: provider.id,
        kind: provider.kind,
        status: providerStatus({
          requests: totals.requests,
          serverErrors: totals.serverErrors,
          breakers: own,
        }),
        window: {
          from,
          requests: totals.requests,
          server_errors: totals.serverErrors,
          p95_latency_ms: totals.requests === 0 ? null : totals.p95LatencyMs,
        },
        breakers: own,
      };
    }),
  );
}

/**
 * `GET /admin/v1/settings` (the effective config with secrets masked, the version and the store kind) and
 * `GET /admin/v1/providers` (each provider's health). Needs `settings:read`.
 */
export function adminSettingsRoutes(app: FastifyInstance, stack: Stack): void {
  const version = packageVersion();
  app.get('/admin/v1/settings', needs('settings:read'), async () => {
    const { store } = stack.config;
    return {
      object: 'settings',
      version,
      store: { kind: resolveDatabaseTarget({ url: store.database_url, home: store.home }).dialect },
      config: redactConfig(stack.config),
    };
  });
  app.get('/admin/v1/providers', needs('settings:read'), async () => ({
    object: 'list',
    data: await providerHealth(stack),
  }));
}
