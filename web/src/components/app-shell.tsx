import { Suspense } from 'react';
import { pagesFor } from '../pages.js';
import { useSignedIn } from '../signed-in.js';
import { href, useHashRoute } from '../use-hash-route.js';
import { ThemeToggle } from './theme-toggle.js';

/** The frame of every page: the menu of the pages this key may see, and the page the address names. */
export function AppShell({ onSignOut }: { onSignOut: () => void }) {
  const { role, adminRole, permissions } = useSignedIn();
  const [first, ...rest] = useHashRoute();
  const visible = pagesFor(role, permissions);
  const page = visible.find((entry) => entry.path === first) ?? visible[0];
  if (!page) return null;
  const Page = page.component;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Strata</span>
        <span className="role">
          {role === 'master' ? 'Master key' : adminRole ? `Role: ${adminRole}` : 'Virtual key'}
        </span>
        <ThemeToggle />
        <button type="button" className="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav aria-label="Pages" className="side-nav">
        <ul>
          {visible.map((entry) => (
            <li key={entry.path}>
              <a href={href(entry.path)} aria-current={entry === page ? 'page' : undefined}>
                {entry.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p>Loading…</p>}>
          <Page rest={rest} />
        </Suspense>
      </main>
    </div>
  );
}
