import { createContext, useContext } from 'react';
import type { Api } from './api.js';

/** Who is signed in: the client bound to their key, and whether that key is the master key. */
export interface SignedIn {
  api: Api;
  role: 'master' | 'virtual';
}

/** The signed-in session every page reads. */
export const SignedInContext = createContext<SignedIn | null>(null);

/** The signed-in session; only pages rendered after sign-in call it. */
export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error('useSignedIn outside a signed-in session');
  return value;
}
