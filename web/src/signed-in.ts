import { createContext, useContext } from 'react';
import type { Api } from './api.js';

/** Who is signed in: the client bound to their key, whether it is the master key, and what it may do. */
export interface SignedIn {
  api: Api;
  role: 'master' | 'virtual';
  /** The admin role of a user's key or SSO token (`owner` for the master key); null for a plain key. */
  adminRole: string | null;
  /** The admin API permissions that role holds. */
  permissions: readonly string[];
}

/** The signed-in session every page reads. */
export const SignedInContext = createContext<SignedIn | null>(null);

/** The signed-in session; only pages rendered after sign-in call it. */
export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error('useSignedIn outside a signed-in session');
  return value;
}
