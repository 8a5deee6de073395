/** Request inputs the cases share. */
import { createHash } from 'node:crypto';
import type { EncryptionContext, MacAlgorithmSpec, MessageType, SigningAlgorithmSpec } from '../../../src/types.js';
import { MAC_MESSAGE, PLAINTEXT, SIGN_MESSAGE } from '../harness.js';

/** The SHA-256 digest of SIGN_MESSAGE: the Message of a DIGEST Sign/Verify with ECDSA_SHA_256. */
export const SIGN_DIGEST = new Uint8Array(createHash('sha256').update(SIGN_MESSAGE).digest());

export const encrypt = (context?: EncryptionContext, keyId = '$KEY_ARN') => ({
  KeyId: keyId,
  Plaintext: PLAINTEXT,
  ...(context && { EncryptionContext: context }),
});
export const decrypt = (context?: EncryptionContext) => ({ CiphertextBlob: '$BLOB', ...(context && { EncryptionContext: context }) });
export const generateDataKey = (context?: EncryptionContext, keyId = '$KEY_ARN') => ({
  KeyId: keyId,
  KeySpec: 'AES_256',
  ...(context && { EncryptionContext: context }),
});
export const describe = (keyId = '$KEY_ARN') => ({ KeyId: keyId });
export const keyOnly = (keyId = '$KEY_ID') => ({ KeyId: keyId });
export const reEncryptTo = (destination = '$KEY2_ARN') => ({ CiphertextBlob: '$BLOB', DestinationKeyId: destination });
/** GenerateMac of MAC_MESSAGE; HMAC_SHA_256 fits the HMAC_256 key the MAC cases use. */
export const generateMac = (keyId = '$KEY_ARN', MacAlgorithm: MacAlgorithmSpec = 'HMAC_SHA_256') => ({ KeyId: keyId, Message: MAC_MESSAGE, MacAlgorithm });
/** VerifyMac of `$MAC`, the root's MAC of MAC_MESSAGE under the main key. */
export const verifyMac = (keyId = '$KEY_ARN', MacAlgorithm: MacAlgorithmSpec = 'HMAC_SHA_256') => ({
  KeyId: keyId,
  Message: MAC_MESSAGE,
  MacAlgorithm,
  Mac: '$MAC',
});
/** Sign of SIGN_MESSAGE (RAW unless told) with ECDSA_SHA_256, which fits the ECC_NIST_P256 key the signing cases use. */
export const sign = (keyId = '$KEY_ARN', SigningAlgorithm: SigningAlgorithmSpec = 'ECDSA_SHA_256', MessageType: MessageType = 'RAW') => ({
  KeyId: keyId,
  Message: MessageType === 'DIGEST' ? SIGN_DIGEST : SIGN_MESSAGE,
  MessageType,
  SigningAlgorithm,
});
/** Verify of `$SIGNATURE`, the root's signature of SIGN_MESSAGE under the main key (as RAW, or as its DIGEST). */
export const verify = (keyId = '$KEY_ARN', SigningAlgorithm: SigningAlgorithmSpec = 'ECDSA_SHA_256', MessageType: MessageType = 'RAW') => ({
  ...sign(keyId, SigningAlgorithm, MessageType),
  Signature: '$SIGNATURE',
});
