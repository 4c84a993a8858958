import { Suspense, useEffect, useState } from 'react';
import { createApi } from './api.js';
import { AppShell } from './components/app-shell.js';
import { SignInForm } from './components/sign-in-form.js';
import { forgetKey, storedKey, storeKey } from './session.js';
import { type SignedIn, SignedInContext } from './signed-in.js';

/** The dashboard: the sign-in form until a key is accepted, then the pages that key may see. */
export function App() {
  const [session, setSession] = useState<SignedIn | null>(null);
  const [checking, setChecking] = useState(() => storedKey() !== null);

  async function signIn(key: string): Promise<void> {
    const api = createApi(key);
    const me = await api.me();
    storeKey(key);
    setSession({ api, role: me.kind, adminRole: me.role, permissions: me.permissions });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: a stored key is tried once, when the page opens.
  useEffect(() => {
    const key = storedKey();
    if (key === null) return;
    signIn(key)
      .catch(() => forgetKey())
      .finally(() => setChecking(false));
  }, []);

  if (checking) return <p className="centered">Signing in…</p>;
  if (!session) return <SignInForm onSignIn={signIn} />;
  return (
    <SignedInContext.Provider value={session}>
      <Suspense fallback={<p className="centered">Loading…</p>}>
        <AppShell
          onSignOut={() => {
            forgetKey();
            setSession(null);
          }}
        />
      </Suspense>
    </SignedInContext.Provider>
  );
}
