import type { ReactNode } from 'react';
import type { Loaded } from '../use-load.js';
import { ErrorNotice } from './error-notice.js';

/** Shows loading, the error, or the data once it arrived. */
export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorNotice error={loaded.error} />;
  if (loaded.data === undefined) return <p aria-busy="true">Loading…</p>;
  return <>{children(loaded.data)}</>;
}
