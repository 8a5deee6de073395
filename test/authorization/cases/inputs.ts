/** Request inputs the cases share. */
import { createHash } from 'node:crypto';
import type { DataKeyPairSpec, EncryptionAlgorithmSpec, EncryptionContext, MacAlgorithmSpec, MessageType, SigningAlgorithmSpec } from '../../../src/types.js';
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
/** GenerateDataKeyPair (and its WithoutPlaintext twin) under the main key; ECC_NIST_P256 unless told. */
export const generateDataKeyPair = (context?: EncryptionContext, keyId = '$KEY_ARN', KeyPairSpec: DataKeyPairSpec = 'ECC_NIST_P256') => ({
  KeyId: keyId,
  KeyPairSpec,
  ...(context && { EncryptionContext: context }),
});
/** DeriveSharedSecret with `$PEER_PUBLIC_KEY`, a P-256 key made outside KMS: fits the ECC_NIST_P256 KEY_AGREEMENT key the cases use. */
export const deriveSharedSecret = (keyId = '$KEY_ARN') => ({ KeyId: keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: '$PEER_PUBLIC_KEY' });
/** RSA Encrypt of PLAINTEXT (RSAES_OAEP_SHA_256 unless told), which fits an RSA_2048 key. */
export const rsaEncrypt = (keyId = '$KEY_ARN', EncryptionAlgorithm: EncryptionAlgorithmSpec = 'RSAES_OAEP_SHA_256') => ({ KeyId: keyId, Plaintext: PLAINTEXT, EncryptionAlgorithm });
/** RSA Decrypt of `$BLOB` (the root's RSAES_OAEP_SHA_256 ciphertext): an RSA ciphertext needs its key named. */
export const rsaDecrypt = (keyId = '$KEY_ARN', EncryptionAlgorithm: EncryptionAlgorithmSpec = 'RSAES_OAEP_SHA_256') => ({ KeyId: keyId, CiphertextBlob: '$BLOB', EncryptionAlgorithm });
