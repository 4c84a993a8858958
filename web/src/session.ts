/** The signed-in key, kept in session storage so it ends with the tab. */
const storageKey = 'strata.key';

/** The key this tab signed in with, if any. */
export function storedKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

/** Remembers the key for this tab. */
export function storeKey(key: string): void {
  sessionStorage.setItem(storageKey, key);
}

/** Forgets the key. */
export function forgetKey(): void {
  sessionStorage.removeItem(storageKey);
}
