/** Options of `new Kms(...)` and `new KmsPartition(...)`, validated once at construction. @module */
import type { CryptoProvider } from './crypto/provider.js';
import type { StateStore } from './keystore/state-store.js';

/** What every account and Region of a partition shares. */
export interface SharedOptions {
  /** The crypto provider. Default: the pure-JS noble provider. */
  readonly provider?: CryptoProvider;
  /** The clock every date comes from (creation, deletion windows, `aws:CurrentTime`). Default: the system clock. */
  readonly clock?: () => Date;
  /**
   * The source of every random byte (key material, salts, nonces, ids, data keys). Default: the
   * provider's CSPRNG. Replace it only in tests that need repeatable output, never in production.
   */
  readonly random?: (length: number) => Uint8Array;
  /**
   * Simulates AWS's eventual consistency for grants: for this many milliseconds after CreateGrant,
   * the grant allows a request only when the request carries its grant token. Default 0 (grants
   * take effect at once).
   */
  readonly grantPropagationMs?: number;
}

export interface KmsOptions extends SharedOptions {
  /** The 12-digit AWS account this `Kms` emulates. Default `111122223333`. */
  readonly accountId?: string;
  /** The Region this `Kms` emulates. Default `us-east-1`. */
  readonly region?: string;
  /** Where keys, aliases and grants live. Default: a new in-memory store. */
  readonly store?: StateStore;
}

export interface KmsPartitionOptions extends SharedOptions {
  /** Where each account's keys live in each Region. Default: a new in-memory store for each. */
  readonly store?: (accountId: string, region: string) => StateStore;
}

export const DEFAULT_ACCOUNT_ID = '111122223333';
export const DEFAULT_REGION = 'us-east-1';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^([a-z]+-){2,3}\d+$/;

/** Programmer errors in options are thrown synchronously, not as AWS exceptions. */
export function checkScope(accountId: string, region: string): void {
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) throw new RangeError(`accountId must be 12 digits, got "${accountId}"`);
  if (typeof region !== 'string' || !REGION.test(region)) throw new RangeError(`region must look like "us-east-1", got "${region}"`);
}

export function checkPropagation(ms: number | undefined): number {
  const value = ms ?? 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`grantPropagationMs must be a finite number >= 0, got ${String(ms)}`);
  }
  return value;
}
