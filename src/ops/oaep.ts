/**
 * Encrypt and Decrypt under RSA keys: RSAES-OAEP with the key's public half, and back with its
 * private half. The ciphertext is the raw OAEP output, as AWS returns it, so a ciphertext made
 * elsewhere with the key's public key (from GetPublicKey) decrypts here too.
 * @module
 */
import { AuthenticationError } from '../crypto/provider.js';
import { InvalidCiphertextException, ValidationException } from '../errors.js';
import { unsafeMaterialBytes } from '../keystore/key-material.js';
import { currentMaterial } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY, type OaepAlgorithmEntry } from '../keystore/key-spec.js';
import type { EncryptionAlgorithmSpec, EncryptionContext } from '../types.js';
import type { OperationContext } from './context.js';
import type { KeyTarget } from './resolve.js';

/** The OAEP algorithm a request names for an RSA key, or undefined for a key that is not RSA. Call after the algorithm check. */
export function oaepOf(target: KeyTarget, algorithm: EncryptionAlgorithmSpec | undefined): OaepAlgorithmEntry | undefined {
  return KEY_SPEC_REGISTRY[target.record.keySpec]!.oaep?.find((entry) => entry.algorithm === algorithm);
}

/** @throws {@link ValidationException} for an encryption context on an asymmetric key, which AWS does not accept */
export function rejectAsymmetricContext(target: KeyTarget, context: EncryptionContext | undefined): void {
  // An empty map binds nothing, and some clients always send one.
  if (context !== undefined && Object.keys(context).length > 0) {
    throw new ValidationException(`EncryptionContext is not supported with asymmetric KMS keys. ${target.arn} is a ${target.record.keySpec} key.`);
  }
}

/** @throws {@link ValidationException} in AWS's recorded wording when the plaintext exceeds k − 2·hLen − 2 bytes */
export function assertOaepFits(oaep: OaepAlgorithmEntry, target: KeyTarget, plaintext: Uint8Array): void {
  if (plaintext.length > oaep.maxPlaintext) {
    throw new ValidationException(
      `Algorithm ${oaep.algorithm} and key spec ${target.record.keySpec} cannot encrypt data larger than ${oaep.maxPlaintext} bytes.`,
    );
  }
}

export function oaepEncrypt(ctx: OperationContext, oaep: OaepAlgorithmEntry, target: KeyTarget, plaintext: Uint8Array): Promise<Uint8Array> {
  return ctx.provider.rsaOaepEncrypt(oaep.hash, target.record.publicKey!, plaintext);
}

/** Any failure (wrong key, wrong algorithm, tampering) is the same InvalidCiphertextException with an empty message. */
export async function oaepDecrypt(ctx: OperationContext, oaep: OaepAlgorithmEntry, target: KeyTarget, ciphertext: Uint8Array): Promise<Uint8Array> {
  try {
    return await ctx.provider.rsaOaepDecrypt(oaep.hash, unsafeMaterialBytes(currentMaterial(target.record)), ciphertext);
  } catch (error) {
    if (error instanceof AuthenticationError || error instanceof RangeError) throw new InvalidCiphertextException();
    throw error;
  }
}
