import { type ComponentType, lazy } from 'react';

/** A page of the dashboard: its address, its name in the menu, and which keys may see it. */
export interface PageEntry {
  path: string;
  title: string;
  /** `master`: only the master key may call the admin API this page reads. */
  access: 'master' | 'any';
  component: ComponentType<{ rest: string[] }>;
}

/** Every page, in menu order. A new layer adds its folder under pages/ and one entry here. */
export const pages: PageEntry[] = [
  {
    path: 'overview',
    title: 'Overview',
    access: 'master',
    component: lazy(() => import('./pages/overview/overview-page.js')),
  },
  {
    path: 'requests',
    title: 'Requests',
    access: 'master',
    component: lazy(() => import('./pages/requests/requests-page.js')),
  },
  {
    path: 'routing',
    title: 'Routing',
    access: 'master',
    component: lazy(() => import('./pages/routing/routing-page.js')),
  },
  {
    path: 'costs',
    title: 'Costs and budgets',
    access: 'master',
    component: lazy(() => import('./pages/costs/costs-page.js')),
  },
  {
    path: 'value',
    title: 'Value',
    access: 'master',
    component: lazy(() => import('./pages/value/value-page.js')),
  },
  {
    path: 'keys',
    title: 'Keys',
    access: 'master',
    component: lazy(() => import('./pages/keys/keys-page.js')),
  },
  {
    path: 'knowledge',
    title: 'Knowledge',
    access: 'any',
    component: lazy(() => import('./pages/knowledge/knowledge-page.js')),
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
];

/** The pages a key may see. */
export function pagesFor(role: 'master' | 'virtual'): PageEntry[] {
  return pages.filter((page) => page.access === 'any' || role === 'master');
}
