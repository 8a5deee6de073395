/** Options of `new Kms(...)`, validated once at construction. @module */
import type { CryptoProvider } from './crypto/provider.js';
import type { StateStore } from './keystore/state-store.js';

export interface KmsOptions {
  /** The 12-digit AWS account this `Kms` emulates. Default `111122223333`. */
  readonly accountId?: string;
  /** The Region this `Kms` emulates. Default `us-east-1`. */
  readonly region?: string;
  /** The crypto provider. Default: the pure-JS noble provider. */
  readonly provider?: CryptoProvider;
  /** The clock every date comes from (creation, deletion windows). Default: the system clock. */
  readonly clock?: () => Date;
  /**
   * The source of every random byte (key material, salts, nonces, ids, data keys). Default: the
   * provider's CSPRNG. Replace it only in tests that need repeatable output, never in production.
   */
  readonly random?: (length: number) => Uint8Array;
  /** Where keys and aliases live. Default: a new in-memory store. */
  readonly store?: StateStore;
}

export const DEFAULT_ACCOUNT_ID = '111122223333';
export const DEFAULT_REGION = 'us-east-1';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^([a-z]+-){2,3}\d+$/;

/** Programmer errors in options are thrown synchronously, not as AWS exceptions. */
export function checkOptions(accountId: string, region: string): void {
  if (!ACCOUNT_ID.test(accountId)) throw new RangeError(`accountId must be 12 digits, got "${accountId}"`);
  if (!REGION.test(region)) throw new RangeError(`region must look like "us-east-1", got "${region}"`);
}
