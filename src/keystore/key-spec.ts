/**
 * What each key spec is: its usages, its algorithms, the length of its material and the provider
 * capabilities it needs. The only place that knows these facts; everything else reads an entry.
 * @module
 */
import type { Capability, HmacHash } from '../crypto/provider.js';
import type { EncryptionAlgorithmSpec, KeySpec, KeyUsageType, MacAlgorithmSpec } from '../types.js';

export interface KeySpecEntry {
  readonly spec: KeySpec;
  /** Usages CreateKey accepts; the first is the default when KeyUsage is omitted. */
  readonly keyUsages: readonly KeyUsageType[];
  readonly encryptionAlgorithms: readonly EncryptionAlgorithmSpec[];
  /** For HMAC keys: the one MAC algorithm and the hash it runs on. */
  readonly mac?: { readonly algorithm: MacAlgorithmSpec; readonly hash: HmacHash };
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
  HMAC_224: hmacEntry('HMAC_224', 'HMAC_SHA_224', 'SHA-224', 28, 'hmac-sha224'),
  HMAC_256: hmacEntry('HMAC_256', 'HMAC_SHA_256', 'SHA-256', 32, 'hmac-sha256'),
  HMAC_384: hmacEntry('HMAC_384', 'HMAC_SHA_384', 'SHA-384', 48, 'hmac-sha384'),
  HMAC_512: hmacEntry('HMAC_512', 'HMAC_SHA_512', 'SHA-512', 64, 'hmac-sha512'),
});

/** An HMAC key's material is as long as its hash's output, as AWS generates it. */
function hmacEntry(spec: KeySpec, algorithm: MacAlgorithmSpec, hash: HmacHash, materialLength: number, capability: Capability): KeySpecEntry {
  return Object.freeze<KeySpecEntry>({
    spec,
    keyUsages: ['GENERATE_VERIFY_MAC'],
    encryptionAlgorithms: [],
    mac: Object.freeze({ algorithm, hash }),
    materialLength,
    capabilities: ['random', capability],
  });
}
