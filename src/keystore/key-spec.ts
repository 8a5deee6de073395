/**
 * What each key spec is: its usages, its algorithms, the length of its material and the provider
 * capabilities it needs. The only place that knows these facts; everything else reads an entry.
 * @module
 */
import type { Capability } from '../crypto/provider.js';
import type { EncryptionAlgorithmSpec, KeySpec, KeyUsageType } from '../types.js';

export interface KeySpecEntry {
  readonly spec: KeySpec;
  /** Usages CreateKey accepts; the first is the default when KeyUsage is omitted. */
  readonly keyUsages: readonly KeyUsageType[];
  readonly encryptionAlgorithms: readonly EncryptionAlgorithmSpec[];
  readonly materialLength: number;
  readonly capabilities: readonly Capability[];
}

const SYMMETRIC_CAPABILITIES: readonly Capability[] = ['random', 'aes-256-gcm', 'hkdf-sha256', 'sha256'];

/** Key specs this version implements. The others are refused by CreateKey until they land. */
export const KEY_SPEC_REGISTRY: Readonly<Partial<Record<KeySpec, KeySpecEntry>>> = Object.freeze({
  SYMMETRIC_DEFAULT: Object.freeze<KeySpecEntry>({
    spec: 'SYMMETRIC_DEFAULT',
    keyUsages: ['ENCRYPT_DECRYPT'],
    encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    materialLength: 32,
    capabilities: SYMMETRIC_CAPABILITIES,
  }),
});
