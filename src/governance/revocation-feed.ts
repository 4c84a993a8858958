/** Tells other replicas that a key was revoked, and hears of revocations made on any replica. */
export interface RevocationFeed {
  /** Announces a revoked key id to every replica listening, this one included. */
  publish(keyId: string): Promise<void>;
  /** Starts listening; resolves once revocations published from now on will arrive. */
  subscribe(onRevoked: (keyId: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** The channel revocations travel on, in Redis and in PostgreSQL alike. */
export const revocationChannel = 'strata_key_revoked';
