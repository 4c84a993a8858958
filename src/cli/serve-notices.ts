/** What `strata serve` tells the operator at start, printed once whether it runs one process or a cluster. */

/** Prints the warning for a gateway that serves without keys. */
export function warnNoAuth(): void {
  console.warn(
    '\n  WARNING: authentication is OFF (--no-auth). Anyone who can reach this port can use every',
  );
  console.warn('  configured provider on your keys. Use this for local development only.\n');
}

/** Prints a freshly generated master key, the only time it is ever shown. */
export function printGeneratedKey(generated: string): void {
  console.log('\n  A master key was generated. It is shown only this once; only its hash is stored:');
  console.log(`\n    ${generated}\n`);
  console.log('  Set STRATA_MASTER_KEY to use a key of your own instead.\n');
}
