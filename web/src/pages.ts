import { type ComponentType, lazy } from 'react';

/** A page of the dashboard: its address, its name in the menu, and which keys may see it. */
export interface PageEntry {
  path: string;
  title: string;
  /** `master`: only the master key may call the admin API this page reads. */
  access: 'master' | 'any';
  /** A permission that also shows a `master` page to a user whose role holds it. */
  permission?: string;
  component: ComponentType<{ rest: string[] }>;
}

/** Every page, in menu order. A new layer adds its folder under pages/ and one entry here. */
export const pages: PageEntry[] = [
  {
    path: 'overview',
    title: 'Overview',
    access: 'master',
    permission: 'requests:read',
    component: lazy(() => import('./pages/overview/overview-page.js')),
  },
  {
    path: 'requests',
    title: 'Requests',
    access: 'master',
    permission: 'requests:read',
    component: lazy(() => import('./pages/requests/requests-page.js')),
  },
  {
    path: 'routing',
    title: 'Routing',
    access: 'master',
    permission: 'routes:read',
    component: lazy(() => import('./pages/routing/routing-page.js')),
  },
  {
    path: 'costs',
    title: 'Costs and budgets',
    access: 'master',
    permission: 'spend:read',
    component: lazy(() => import('./pages/costs/costs-page.js')),
  },
  {
    path: 'evaluation',
    title: 'Evaluation',
    access: 'master',
    permission: 'evaluation:read',
    component: lazy(() => import('./pages/evaluation/evaluation-page.js')),
  },
  {
    path: 'value',
    title: 'Value',
    access: 'master',
    permission: 'value:read',
    component: lazy(() => import('./pages/value/value-page.js')),
  },
  {
    path: 'keys',
    title: 'Keys',
    access: 'master',
    permission: 'keys:read',
    component: lazy(() => import('./pages/keys/keys-page.js')),
  },
  {
    path: 'knowledge',
    title: 'Knowledge',
    access: 'any',
    component: lazy(() => import('./pages/knowledge/knowledge-page.js')),
  },
  {
    path: 'governance',
    title: 'Governance',
    access: 'master',
    permission: 'users:read',
    component: lazy(() => import('./pages/governance/governance-page.js')),
  },
  {
    path: 'playground',
    title: 'Playground',
    access: 'any',
    component: lazy(() => import('./pages/playground/playground-page.js')),
  },
  {
    path: 'models',
    title: 'Models',
    access: 'any',
    component: lazy(() => import('./pages/models/models-page.js')),
  },
  {
    path: 'guardrails',
    title: 'Guardrails',
    access: 'master',
    permission: 'guardrails:read',
    component: lazy(() => import('./pages/guardrails/guardrails-page.js')),
  },
  {
    path: 'settings',
    title: 'Settings',
    access: 'master',
    permission: 'settings:read',
    component: lazy(() => import('./pages/settings/settings-page.js')),
  },
];

/** The pages a key may see: its own, every page for the master key, and those its role's permissions open. */
export function pagesFor(role: 'master' | 'virtual', permissions: readonly string[] = []): PageEntry[] {
  return pages.filter(
    (page) =>
      page.access === 'any' ||
      role === 'master' ||
      (page.permission !== undefined && permissions.includes(page.permission)),
  );
}
