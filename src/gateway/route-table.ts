import type { FastifyInstance } from 'fastify';
import type { Permission } from '../governance/roles.js';

/** A route as the table lists it, with what it declared about spending. */
export interface RouteEntry {
  method: string;
  url: string;
  /** True when the route can reach a provider; undefined when the route declared nothing. */
  spends: boolean | undefined;
  /** The permission an admin route needs; undefined when the route declared none. */
  permission: Permission | undefined;
}

/** Route options of a route that can reach a provider: it must go through `stack.chat` or `stack.embed`. */
export const spends = { config: { spends: true } } as const;

/** Route options of a route that never reaches a provider. */
export const spendsNothing = { config: { spends: false } } as const;

/**
 * Route options of an admin route: it never reaches a provider, and the caller's role must hold
 * `permission` (see the permission table in `governance/roles.ts`).
 */
export function needs<P extends Permission>(permission: P) {
  return { config: { spends: false, permission } } as const;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Records every route registered on `app` and its plugins from now on, with its spending declaration. */
export function trackRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = route.config as { spends?: unknown; permission?: Permission } | undefined;
    const declared = config?.spends;
    for (const method of methods)
      table.push({
        method,
        url: route.url,
        spends: typeof declared === 'boolean' ? declared : undefined,
        permission: config?.permission,
      });
  });
}

/** The routes an app registered since `trackRoutes`, HEAD twins of GET routes included. */
export function routeTableOf(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether the route can reach a provider; every route declares it (a test walks the table). */
    spends?: boolean;
    /** The permission an admin route needs; every admin route declares one (a test walks the table). */
    permission?: Permission;
  }
}
