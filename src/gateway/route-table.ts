import type { FastifyInstance } from 'fastify';

/** A route as the table lists it, with what it declared about spending. */
export interface RouteEntry {
  method: string;
  url: string;
  /** True when the route can reach a provider; undefined when the route declared nothing. */
  spends: boolean | undefined;
}

/** Route options of a route that can reach a provider: it must go through `stack.chat` or `stack.embed`. */
export const spends = { config: { spends: true } } as const;

/** Route options of a route that never reaches a provider. */
export const spendsNothing = { config: { spends: false } } as const;

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Records every route registered on `app` and its plugins from now on, with its spending declaration. */
export function trackRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const declared = (route.config as { spends?: unknown } | undefined)?.spends;
    for (const method of methods)
      table.push({ method, url: route.url, spends: typeof declared === 'boolean' ? declared : undefined });
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
  }
}
